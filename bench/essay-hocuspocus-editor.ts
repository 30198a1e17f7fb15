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
  private paragraphs: string[] = [];

  private constructor(private readonly recorder: Recorder) {
    this.log = new KeystrokeLog(recorder);
  }

  /**
   * Connects and waits for the first sync; the starting essay is written by `storeStart`, so
   * the bench can time every editor's first store together.
   */
  static async connect(options: {
    url: string;
    name: string;
    paragraphs: string[];
    recorder: Recorder;
  }): Promise<HocuspocusEditor> {
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
      editor.paragraphs = options.paragraphs;
      return editor;
    } catch (error) {
      editor.close();
      throw error;
    }
  }

  /**
   * Writes the starting essay in one transaction and resolves with the bytes of that update once
   * the server has stored it (after its debounce: two seconds at least).
   */
  async storeStart(): Promise<number> {
    let initialBytes = 0;
    this.doc.once('update', (update: Uint8Array) => (initialBytes = update.length));
    this.doc.transact(() => {
      this.fragment.insert(
        0,
        this.paragraphs.map((text) => {
          const paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText(text)]);
          return paragraph;
        }),
      );
    });
    this.paragraph = this.fragment.get(this.fragment.length - 1) as Y.XmlElement;
    this.text = this.paragraph.get(0) as Y.XmlText;
    const initialClock = this.clock();
    try {
      await withTimeout(
        new Promise<void>((resolve) => {
          this.onDurable = () => {
            if (this.durableClock < initialClock) return;
            this.onDurable = undefined;
            resolve();
          };
        }),
        'the starting essay to be stored',
      );
    } catch (error) {
      this.close();
      throw error;
    }
    return initialBytes;
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
