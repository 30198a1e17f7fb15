import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import {
  DRAFT_PATCH_INTERVAL_MS,
  PROTOCOL_VERSION,
  type ServerMessage,
} from '@exam/shared/protocol';
import { KeystrokeLog, SocketCounter, type EssayEditor, type Recorder } from './essay-editor.js';
import type { Keystroke } from './essay-text.js';

/**
 * The client sends the editor's steps at most this often (DRAFT_PATCH_INTERVAL_MS, shared with
 * client/src/features/exam/draft-patches.ts); BENCH_PATCH_INTERVAL_MS measures what another
 * interval would cost and save.
 */
const PATCH_INTERVAL_MS =
  Number(process.env.BENCH_PATCH_INTERVAL_MS ?? '') || DRAFT_PATCH_INTERVAL_MS;
const VIGNETTE = 1;
const SETUP_TIMEOUT_MS = 120_000;

const paragraphJson = (text: string) =>
  text === ''
    ? '{"type":"paragraph"}'
    : `{"type":"paragraph","content":[{"type":"text","text":${JSON.stringify(text)}}]}`;

/**
 * One candidate writing a Part Two response through our exam websocket, sending what the real
 * client sends: the whole document (tiptap JSON) once in a `draft.save`, then the editor's steps
 * (ProseMirror step JSON, one per keystroke, as tiptap makes them) in a `draft.patch` at most
 * every DRAFT_PATCH_INTERVAL_MS, each naming the revision it builds on; a refused patch is followed by the whole
 * document again. A keystroke is durable when a `draft.ack` arrives for a revision that contains
 * it (the server acknowledges only after the PostgreSQL commit, and an ack for revision r stands
 * for every revision up to r). The server stores the whole patched document itself every 30 s.
 */
export class OursEditor implements EssayEditor {
  open = true;
  private readonly counter = new SocketCounter();
  private readonly log: KeystrokeLog;
  /** JSON of every paragraph but the last, each followed by a comma: it changes only on Enter. */
  private settled = '';
  private last = '';
  private revision = 0;
  /** ProseMirror's size of the document: 2 per paragraph plus its characters. */
  private size = 0;
  /** Step JSON typed since the last patch. */
  private steps: string[] = [];
  private lastSentAt = Number.NEGATIVE_INFINITY;
  /** The revision of the last whole document sent after a refusal: older refusals are moot. */
  private resentAt = 0;
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
   * Signs in with the session cookie, finishes Part One and starts Part Two; the starting essay
   * is stored by `storeStart`, so the bench can time every editor's first store together.
   */
  static async connect(options: {
    url: string;
    origin: string;
    token: string;
    paragraphs: string[];
    recorder: Recorder;
  }): Promise<OursEditor> {
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
      editor.size = options.paragraphs.reduce((size, p) => size + p.length + 2, 0);
      return editor;
    } catch (error) {
      editor.close();
      throw error;
    }
  }

  /**
   * Sends the starting essay whole as revision 1, as a candidate who had written it earlier (or
   * whose client resends after a restart) would, and resolves with the frame's bytes once the
   * server acknowledges it.
   */
  async storeStart(): Promise<number> {
    const frame = this.frame(1);
    this.ws.send(frame);
    await this.expect((m) => m.type === 'draft.ack' && m.revision === 1, 'the first draft');
    this.revision = 1;
    this.ready = true;
    return Buffer.byteLength(frame);
  }

  type(key: Keystroke): void {
    if (!this.open) return;
    const now = performance.now();
    // The end of the last paragraph's text, where tiptap inserts what is typed there.
    const at = this.size - 1;
    if (key.kind === 'paragraph') {
      this.settled += `${paragraphJson(this.last)},`;
      this.last = '';
      this.size += 2;
      this.steps.push(
        `{"stepType":"replace","from":${at},"to":${at},"slice":{"content":[{"type":"paragraph"},{"type":"paragraph"}],"openStart":1,"openEnd":1}}`,
      );
    } else {
      this.last += key.char;
      this.size += key.char.length;
      this.steps.push(
        `{"stepType":"replace","from":${at},"to":${at},"slice":{"content":[{"type":"text","text":${JSON.stringify(key.char)}}]}}`,
      );
    }
    // Not yet given a revision: the next patch makes it revision + 1.
    this.log.typed(now, this.revision + 1);
    this.timer ??= setTimeout(
      () => this.sendPatch(),
      Math.max(0, this.lastSentAt + PATCH_INTERVAL_MS - now),
    );
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

  private sendPatch(): void {
    this.timer = undefined;
    if (!this.open || this.steps.length === 0) return;
    const base = this.revision;
    this.revision += 1;
    const frame = `{"type":"draft.patch","vignette":${VIGNETTE},"base":${base},"revision":${this.revision},"size":${this.size},"steps":[${this.steps.join(',')}]}`;
    this.steps = [];
    this.sendFrame(frame);
  }

  /** After a refused patch: the whole document, as the next revision, to build on again. */
  private resend(): void {
    if (!this.open) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.steps = [];
    this.revision += 1;
    this.resentAt = this.revision;
    this.sendFrame(this.frame(this.revision));
  }

  private sendFrame(frame: string): void {
    const now = performance.now();
    this.lastSentAt = now;
    this.sentAt.set(this.revision, now);
    this.recorder.sentFrame(now);
    this.ws.send(frame);
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
        this.recorder.count(message.code);
        if (message.code.startsWith('PATCH_') && message.revision > this.resentAt) this.resend();
        return;
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
