import { performance } from 'node:perf_hooks';
import { PROTOCOL_VERSION, type ServerMessage } from '@exam/shared/protocol';
import { WireSocket } from './wire-socket.js';

/**
 * One simulated candidate of the load generator (load-worker.ts) and the measurement its saves
 * count into. Kept apart from the worker's commands so the per-frame code reads on its own.
 */

/** How every welcome frame begins (the server writes `type` first). */
const WELCOME_PREFIX = Buffer.from('{"type":"welcome"');
/** How every acknowledgement begins (`{"type":"answer.ack","seq":N,"serverTime":T}`). */
const ACK_PREFIX = Buffer.from('{"type":"answer.ack","seq":');

/** The frame starts with `prefix` (compared in place: no view is made per frame). */
const startsWith = (data: Buffer, prefix: Buffer) =>
  data.length > prefix.length && data.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;

/** The decimal number at `at` in `data`. */
function numberAt(data: Buffer, at: number): number {
  let value = 0;
  for (let i = at; i < data.length; i += 1) {
    const digit = (data[i] as number) - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return value;
}

const QUESTIONS = 60;
const START_TIMEOUT_MS = 120_000;

/** One measurement: what happened to the saves sent inside [start, end). */
export class Run {
  readonly latencies: number[] = [];
  sent = 0;
  ackedInWindow = 0;
  rejected = 0;
  closed = 0;
  readonly codes: Record<string, number> = {};
  onAck: ((candidate: Candidate) => void) | undefined;
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}
  inWindow(t: number): boolean {
    return t >= this.start && t < this.end;
  }
  count(code: string): void {
    this.codes[code] = (this.codes[code] ?? 0) + 1;
  }
}

/** The measurement under way, if any: set by the worker, read on every save and ack. */
export const measuring: { run: Run | undefined } = { run: undefined };

/**
 * One simulated candidate. Deliberately lean: frames are built as strings and parsed with
 * JSON.parse only (no schema), so the load generator spends its CPU on sockets, not on itself.
 */
export class Candidate {
  seq = 1;
  open = true;
  started = false;
  /** Size of the first welcome frame: the form and the state a starting candidate downloads. */
  welcomeBytes = 0;
  readonly pending = new Map<number, number>();
  onStarted: (() => void) | undefined;
  onFailure: ((why: string) => void) | undefined;
  /** Set once the upgrade has been answered. */
  ws: WireSocket | undefined;

  save(): void {
    if (!this.open || !this.ws) return;
    const seq = this.seq++;
    const position = 1 + Math.floor(Math.random() * QUESTIONS);
    const pick = Math.floor(Math.random() * 5);
    const choice = pick === 4 ? 'null' : String(pick);
    const now = performance.now();
    this.pending.set(seq, now);
    if (measuring.run?.inWindow(now)) measuring.run.sent += 1;
    this.ws.send(
      `{"type":"answer.save","seq":${seq},"position":${position},"choice":${choice},"flagged":${pick === 0}}`,
    );
  }

  /** A save was answered: acknowledged, or rejected with `rejectedWith`. */
  private settled(seq: number, rejectedWith?: string): void {
    const sentAt = this.pending.get(seq);
    if (sentAt === undefined) return;
    this.pending.delete(seq);
    const run = measuring.run;
    if (!run) return;
    const now = performance.now();
    if (rejectedWith === undefined) {
      if (run.inWindow(now)) run.ackedInWindow += 1;
      if (run.inWindow(sentAt)) run.latencies.push(now - sentAt);
    } else {
      run.rejected += 1;
      run.count(rejectedWith);
    }
    run.onAck?.(this);
  }

  handle(data: Buffer): void {
    // The welcome is the one large frame (the whole form): its size and last sequence number are
    // all a simulated candidate needs, so it is not parsed whole. 5,000 browsers parse theirs on
    // their own machines; here that work would come out of the cores the server is measured on.
    // Acknowledgements are nearly every frame at saturation: read in place, not parsed.
    if (startsWith(data, ACK_PREFIX)) return this.settled(numberAt(data, ACK_PREFIX.length));
    if (startsWith(data, WELCOME_PREFIX)) {
      if (this.welcomeBytes === 0) this.welcomeBytes = data.length;
      // Inside a JSON string the quotes are escaped, so only the field itself matches.
      const maxSeq = /"maxSeq":(\d+)/.exec(data.toString('latin1'));
      if (!maxSeq) throw new Error('a welcome without maxSeq');
      this.seq = Number(maxSeq[1]) + 1;
      return;
    }
    const message = JSON.parse(data.toString()) as ServerMessage;
    switch (message.type) {
      case 'answer.ack':
        return this.settled(message.seq);
      case 'answer.rejected':
        return this.settled(message.seq, message.code);
      case 'welcome':
        // Only if the server ever wrote another field before `type`.
        if (this.welcomeBytes === 0) this.welcomeBytes = data.length;
        this.seq = message.attempt.maxSeq + 1;
        return;
      case 'clock.update':
        if (!this.started && message.clock.part === 1 && message.clock.status === 'running') {
          this.started = true;
          this.onStarted?.();
        }
        return;
      case 'error':
        if (!this.started) this.onFailure?.(`${message.code}: ${message.message}`);
        else measuring.run?.count(message.code);
        return;
      default:
        return;
    }
  }
}

export interface Started {
  ms: number;
  welcomeBytes: number;
}

/** Opens one candidate's socket, says hello and starts Part One; resolves once it runs. */
export function connectOne(
  url: string,
  origin: string,
  token: string,
  started: (candidate: Candidate) => void,
): Promise<Started> {
  const began = performance.now();
  const candidate = new Candidate();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => candidate.onFailure?.('timed out starting'), START_TIMEOUT_MS);
    candidate.onFailure = (why) => {
      clearTimeout(timer);
      candidate.onFailure = undefined;
      candidate.open = false;
      candidate.ws?.terminate();
      reject(new Error(why));
    };
    candidate.onStarted = () => {
      clearTimeout(timer);
      started(candidate);
      resolve({ ms: performance.now() - began, welcomeBytes: candidate.welcomeBytes });
    };
    WireSocket.connect(
      url,
      { origin, cookie: `sid=${token}` },
      {
        message: (data) => candidate.handle(data),
        error: (error) => candidate.onFailure?.(error.message),
        close: (code) => {
          if (!candidate.started)
            candidate.onFailure?.(`closed with ${code} before the part started`);
          else if (candidate.open && measuring.run) measuring.run.closed += 1;
          candidate.open = false;
        },
      },
    ).then(
      (ws) => {
        candidate.ws = ws;
        ws.send(
          JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, lastAckedSeq: 0 }),
        );
        ws.send(JSON.stringify({ type: 'part.start', part: 1 }));
      },
      (error: unknown) =>
        candidate.onFailure?.(error instanceof Error ? error.message : String(error)),
    );
  });
}
