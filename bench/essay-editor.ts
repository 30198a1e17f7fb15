import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Keystroke } from './essay-text.js';

/** One simulated essay writer, whichever system it writes to. */
export interface EssayEditor {
  readonly open: boolean;
  /** Sends the whole starting essay; resolves with its bytes once the server has stored it. */
  storeStart(): Promise<number>;
  /** Applies one keystroke to the local document; the system's client decides what to send. */
  type(key: Keystroke): void;
  /** Bytes sent and received on the editor's socket so far (websocket frames and headers). */
  bytes(): { sent: number; received: number };
  /** Keystrokes typed inside the measured window and not yet confirmed durable. */
  pendingInWindow(): number;
  close(): void;
}

/** What one worker measures in the window [start, end), for every editor it holds. */
export class Recorder {
  start = Number.POSITIVE_INFINITY;
  end = Number.POSITIVE_INFINITY;
  readonly editToDurable: number[] = [];
  readonly sendToDurable: number[] = [];
  keystrokes = 0;
  frames = 0;
  confirmations = 0;
  closed = 0;
  readonly codes: Record<string, number> = {};

  holds(t: number): boolean {
    return t >= this.start && t < this.end;
  }

  count(code: string): void {
    this.codes[code] = (this.codes[code] ?? 0) + 1;
  }

  confirmed(now: number): void {
    if (this.holds(now)) this.confirmations += 1;
  }

  sentFrame(now: number): void {
    if (this.holds(now)) this.frames += 1;
  }
}

/**
 * The keystrokes one editor typed that are not yet known to be durable, in typing order. Each
 * carries a mark that only grows (our draft revision, or the Yjs clock after the keystroke), so
 * "durable up to mark m" settles a prefix of the queue.
 */
export class KeystrokeLog {
  private times: number[] = [];
  private marks: number[] = [];
  private head = 0;

  constructor(private readonly recorder: Recorder) {}

  typed(at: number, mark: number): void {
    this.times.push(at);
    this.marks.push(mark);
    if (this.recorder.holds(at)) this.recorder.keystrokes += 1;
  }

  /**
   * Every keystroke with a mark up to `mark` is durable as of now. `sentAt` says when the frame
   * that first carried a keystroke left this process.
   */
  durable(mark: number, sentAt: (mark: number, typedAt: number) => number): void {
    const now = performance.now();
    const { recorder } = this;
    while (this.head < this.marks.length && (this.marks[this.head] ?? 0) <= mark) {
      const typedAt = this.times[this.head] ?? now;
      if (recorder.holds(typedAt)) {
        recorder.editToDurable.push(now - typedAt);
        recorder.sendToDurable.push(now - sentAt(this.marks[this.head] ?? 0, typedAt));
      }
      this.head += 1;
    }
    if (this.head > 4096 || this.head === this.marks.length) {
      this.times = this.times.slice(this.head);
      this.marks = this.marks.slice(this.head);
      this.head = 0;
    }
  }

  /** Keystrokes typed inside the window and not yet durable. */
  pendingInWindow(): number {
    let count = 0;
    for (let i = this.head; i < this.times.length; i += 1)
      if (this.recorder.holds(this.times[i] ?? 0)) count += 1;
    return count;
  }
}

/** Keeps the TCP socket under a websocket, whose counters include every frame header. */
export class SocketCounter {
  private socket: Socket | undefined;

  attach(socket: Socket): void {
    this.socket = socket;
  }

  bytes(): { sent: number; received: number } {
    return { sent: this.socket?.bytesWritten ?? 0, received: this.socket?.bytesRead ?? 0 };
  }
}
