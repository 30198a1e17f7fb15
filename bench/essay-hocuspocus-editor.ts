import type { ClientRequestArgs } from 'node:http';
import { performance } from 'node:perf_hooks';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket, type ClientOptions } from 'ws';
import * as Y from 'yjs';
import { KeystrokeLog, SocketCounter, type EssayEditor, type Recorder } from './essay-editor.js';
import { DURABLE_NOTICE, type DurableNotice } from './essay-protocol.js';
import type { Keystroke } from './essay-text.js';

const SETUP_TIMEOUT_MS = 120_000;

/**
 * One writer on a Hocuspocus document through the stock @hocuspocus/provider (defaults
 * throughout: it sends every Yjs update at once, plus its awareness). The document has the shape
 * tiptap's Collaboration extension gives it: a Y.XmlFragment "default" of paragraph elements,
 * each holding a Y.XmlText. A keystroke is one Yjs transaction; it is durable when the server,
 * after committing a stored state, says which Yjs clock of this client that state includes.
 */
export class HocuspocusEditor implements EssayEditor {
  open = true;
  private readonly counter = new SocketCounter();
  private readonly log: KeystrokeLog;
  private readonly doc = new Y.Doc();
  private readonly fragment = this.doc.getXmlFragment('default');
  private socket: HocuspocusProviderWebsocket | undefined;
  private provider: HocuspocusProvider | undefined;
  private paragraph: Y.XmlElement | undefined;
  private text: Y.XmlText | undefined;
  private durableClock = 0;
  private onDurable: (() => void) | undefined;

  private constructor(private readonly recorder: Recorder) {
    this.log = new KeystrokeLog(recorder);
  }

  /**
   * Connects, waits for the first sync and writes the starting essay in one transaction. Returns
   * the editor, the bytes of that first update, and a promise kept once the server has stored it
   * (two seconds later at least: waiting for it here would make set-up a debounce per editor).
   */
  static async connect(options: {
    url: string;
    name: string;
    paragraphs: string[];
    recorder: Recorder;
  }): Promise<{ editor: HocuspocusEditor; initialBytes: number; stored: Promise<void> }> {
    const editor = new HocuspocusEditor(options.recorder);
    const { counter } = editor;
    // The provider builds its socket with `new WebSocketPolyfill(url)`; this one remembers the
    // TCP socket underneath, and offers no compression (neither server would accept it).
    class CountingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[], opts?: ClientOptions) {
        super(url, protocols, { ...(opts as ClientRequestArgs), perMessageDeflate: false });
        this.on('upgrade', (response) => counter.attach(response.socket));
      }
    }
    let synced: () => void = () => undefined;
    const firstSync = new Promise<void>((resolve) => (synced = resolve));
    // What `new HocuspocusProvider({ url })` builds for itself, written out to pass the socket.
    editor.socket = new HocuspocusProviderWebsocket({
      url: options.url,
      WebSocketPolyfill: CountingWebSocket,
    });
    editor.provider = new HocuspocusProvider({
      websocketProvider: editor.socket,
      name: options.name,
      document: editor.doc,
      onSynced: () => synced(),
      onStateless: ({ payload }) => editor.handleNotice(payload),
      onClose: () => {
        if (editor.open && editor.durableClock > 0) options.recorder.closed += 1;
      },
    });
    editor.provider.attach();
    try {
      await withTimeout(firstSync, 'the first sync');
      let initialBytes = 0;
      editor.doc.once('update', (update: Uint8Array) => (initialBytes = update.length));
      editor.doc.transact(() => {
        editor.fragment.insert(
          0,
          options.paragraphs.map((text) => {
            const paragraph = new Y.XmlElement('paragraph');
            paragraph.insert(0, [new Y.XmlText(text)]);
            return paragraph;
          }),
        );
      });
      editor.paragraph = editor.fragment.get(editor.fragment.length - 1) as Y.XmlElement;
      editor.text = editor.paragraph.get(0) as Y.XmlText;
      const initialClock = editor.clock();
      const stored = withTimeout(
        new Promise<void>((resolve) => {
          editor.onDurable = () => {
            if (editor.durableClock < initialClock) return;
            editor.onDurable = undefined;
            resolve();
          };
        }),
        'the starting essay to be stored',
      );
      stored.catch(() => editor.close());
      return { editor, initialBytes, stored };
    } catch (error) {
      editor.close();
      throw error;
    }
  }

  type(key: Keystroke): void {
    if (!this.open) return;
    const now = performance.now();
    this.doc.transact(() => {
      if (key.kind === 'paragraph') {
        this.paragraph = new Y.XmlElement('paragraph');
        this.fragment.insert(this.fragment.length, [this.paragraph]);
        this.text = undefined;
        return;
      }
      if (!this.text) {
        this.text = new Y.XmlText();
        this.paragraph?.insert(0, [this.text]);
      }
      this.text.insert(this.text.length, key.char);
    });
    // The provider sent the update synchronously, inside the transaction's update event.
    this.recorder.sentFrame(now);
    this.log.typed(now, this.clock());
  }

  bytes() {
    return this.counter.bytes();
  }

  pendingInWindow(): number {
    return this.log.pendingInWindow();
  }

  close(): void {
    this.open = false;
    this.provider?.destroy();
    this.socket?.destroy();
  }

  private clock(): number {
    return Y.getState(this.doc.store, this.doc.clientID);
  }

  private handleNotice(payload: string): void {
    const notice = JSON.parse(payload) as DurableNotice;
    if (notice.type !== DURABLE_NOTICE) return;
    const clock = notice.clocks[String(this.doc.clientID)];
    if (clock === undefined || clock <= this.durableClock) return;
    this.durableClock = clock;
    this.recorder.confirmed(performance.now());
    // The update left at keystroke time, so send-to-durable is edit-to-durable here.
    this.log.durable(clock, (_mark, typedAt) => typedAt);
    this.onDurable?.();
  }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), SETUP_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
