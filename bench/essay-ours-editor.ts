import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, type ServerMessage } from '@exam/shared/protocol';
import { KeystrokeLog, SocketCounter, type EssayEditor, type Recorder } from './essay-editor.js';
import type { Keystroke } from './essay-text.js';

/** The debounce of client/src/features/exam/draft-sync.ts: ~1 s idle, at most 5 s while typing. */
const IDLE_MS = 1_000;
const MAX_WAIT_MS = 5_000;
const VIGNETTE = 1;
const SETUP_TIMEOUT_MS = 120_000;

const paragraphJson = (text: string) =>
  text === ''
    ? '{"type":"paragraph"}'
    : `{"type":"paragraph","content":[{"type":"text","text":${JSON.stringify(text)}}]}`;

/**
 * One candidate writing a Part Two response through our exam websocket, sending exactly what the
 * real client sends: after the debounce, the whole document (tiptap JSON) in a `draft.save` with
 * the next revision, whether or not earlier ones are acknowledged. A keystroke is durable when a
 * `draft.ack` arrives for a revision that contains it (the server acknowledges only after the
 * PostgreSQL commit, and an ack for revision r stands for every revision up to r).
 *
 * The real client first writes each revision to its IndexedDB outbox (a few ms in a browser);
 * this one sends at once, a small advantage to our side.
 */
export class OursEditor implements EssayEditor {
  open = true;
  private readonly counter = new SocketCounter();
  private readonly log: KeystrokeLog;
  /** JSON of every paragraph but the last, each followed by a comma: it changes only on Enter. */
  private settled = '';
  private last = '';
  private revision = 0;
  private firstDirtyAt: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly sentAt = new Map<number, number>();
  private waiting: ((message: ServerMessage) => void) | undefined;
  private ready = false;

  private constructor(
    private readonly ws: WebSocket,
    private readonly recorder: Recorder,
  ) {
    this.log = new KeystrokeLog(recorder);
    ws.on('upgrade', (response) => this.counter.attach(response.socket));
    ws.on('message', (data) => this.handle(JSON.parse(String(data)) as ServerMessage));
    // A socket error is followed by 'close', which is what gets counted.
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (this.open && this.ready) recorder.closed += 1;
      this.open = false;
      clearTimeout(this.timer);
    });
  }

  /**
   * Signs in with the session cookie, finishes Part One, starts Part Two and stores the starting
   * essay as revision 1, as a candidate who had written it earlier would have. Returns the
   * editor and the bytes of that first frame, once it is stored.
   */
  static async connect(options: {
    url: string;
    origin: string;
    token: string;
    paragraphs: string[];
    recorder: Recorder;
  }): Promise<{ editor: OursEditor; initialBytes: number; stored: Promise<void> }> {
    const ws = new WebSocket(options.url, {
      headers: { origin: options.origin, cookie: `sid=${options.token}` },
      perMessageDeflate: false,
    });
    const editor = new OursEditor(ws, options.recorder);
    try {
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
        ws.once('unexpected-response', (_req, res) =>
          reject(new Error(`upgrade refused: ${res.statusCode}`)),
        );
      });
      const send = (message: object) => ws.send(JSON.stringify(message));
      send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, lastAckedSeq: 0 });
      await editor.expect((m) => m.type === 'welcome', 'welcome');
      send({ type: 'part.start', part: 1 });
      await editor.expect((m) => m.type === 'clock.update' && m.clock.part === 1, 'Part One');
      send({ type: 'part.submit', part: 1 });
      const welcome = await editor.expect(
        (m) => m.type === 'welcome' && m.attempt.partTwo !== null,
        'the Part Two welcome',
      );
      if (welcome.type === 'welcome' && welcome.attempt.partTwoProblem)
        throw new Error(welcome.attempt.partTwoProblem);
      send({ type: 'part.start', part: 2 });
      await editor.expect(
        (m) => m.type === 'clock.update' && m.clock.part === 2 && m.clock.status === 'running',
        'Part Two',
      );
      const last = options.paragraphs.at(-1) ?? '';
      editor.settled = options.paragraphs
        .slice(0, -1)
        .map((p) => `${paragraphJson(p)},`)
        .join('');
      editor.last = last;
      const frame = editor.frame(1);
      ws.send(frame);
      await editor.expect((m) => m.type === 'draft.ack' && m.revision === 1, 'the first draft');
      editor.revision = 1;
      editor.ready = true;
      return { editor, initialBytes: Buffer.byteLength(frame), stored: Promise.resolve() };
    } catch (error) {
      editor.close();
      throw error;
    }
  }

  type(key: Keystroke): void {
    if (!this.open) return;
    const now = performance.now();
    if (key.kind === 'paragraph') {
      this.settled += `${paragraphJson(this.last)},`;
      this.last = '';
    } else {
      this.last += key.char;
    }
    // Not yet given a revision: the next flush makes it revision + 1.
    this.log.typed(now, this.revision + 1);
    this.firstDirtyAt ??= now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(IDLE_MS, this.firstDirtyAt + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  bytes() {
    return this.counter.bytes();
  }

  pendingInWindow(): number {
    return this.log.pendingInWindow();
  }

  close(): void {
    this.open = false;
    clearTimeout(this.timer);
    this.ws.terminate();
  }

  private flush(): void {
    this.firstDirtyAt = undefined;
    if (!this.open) return;
    this.revision += 1;
    const now = performance.now();
    this.sentAt.set(this.revision, now);
    this.recorder.sentFrame(now);
    this.ws.send(this.frame(this.revision));
  }

  private frame(revision: number): string {
    const doc = `{"type":"doc","content":[${this.settled}${paragraphJson(this.last)}]}`;
    return `{"type":"draft.save","vignette":${VIGNETTE},"revision":${revision},"doc":${doc}}`;
  }

  private handle(message: ServerMessage): void {
    if (this.waiting) {
      this.waiting(message);
      return;
    }
    switch (message.type) {
      case 'draft.ack': {
        this.recorder.confirmed(performance.now());
        this.log.durable(message.revision, (mark, typedAt) => this.sentAt.get(mark) ?? typedAt);
        for (const revision of this.sentAt.keys())
          if (revision <= message.revision) this.sentAt.delete(revision);
        return;
      }
      case 'draft.rejected':
      case 'error':
        this.recorder.count(message.code);
        return;
      default:
        return;
    }
  }

  /** Resolves with the first message that matches; an error message or a timeout rejects. */
  private expect(match: (m: ServerMessage) => boolean, what: string): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(`timed out waiting for ${what}`), SETUP_TIMEOUT_MS);
      const fail = (why: string) => {
        clearTimeout(timer);
        this.waiting = undefined;
        reject(new Error(why));
      };
      this.ws.once('close', (code) => fail(`closed with ${code} waiting for ${what}`));
      this.waiting = (message) => {
        if (message.type === 'error' || message.type === 'draft.rejected')
          fail(`${message.code} waiting for ${what}: ${message.message}`);
        else if (match(message)) {
          clearTimeout(timer);
          this.waiting = undefined;
          resolve(message);
        }
      };
    });
  }
}
