import type { Outbox } from './outbox';

/** What each kind of change (answers, drafts, choice) needs from the exam client around it. */
export interface SyncChannel {
  outbox: Outbox;
  /** True while this kind of change may be sent (welcomed, and its part running). */
  canSend(): boolean;
  /** Sends a frame if the socket is open; false when it is not. */
  send(frame: string | object): boolean;
  /** The connection's number: a new socket has seen none of the frames sent before. */
  generation(): number;
  /** Something the screen shows of this channel changed. */
  changed(): void;
  /** Tells the candidate something (a refusal, a paused clock). */
  notify(text: string): void;
  /**
   * A change left the outbox without being stored (refused for good): the candidate is told
   * `text`, and it is counted, so the screen never calls everything saved again.
   */
  refused(text: string): void;
  /** Server time as this device estimates it (its clock plus the measured skew). */
  serverNow(): number;
}

/** Runs tasks one after another, so an outbox write always finishes before the send after it. */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
}

/**
 * Which version of each change went out on the current socket, so a change is sent once per
 * connection; a new connection (or a refusal worth retrying) sends it again.
 */
export class SentOnConnection<K> {
  private readonly sent = new Map<K, number>();
  private seen = -1;

  constructor(private readonly generation: () => number) {}

  has(key: K, version: number): boolean {
    this.sync();
    return this.sent.get(key) === version;
  }

  mark(key: K, version: number): void {
    this.sync();
    this.sent.set(key, version);
  }

  forget(key: K): void {
    this.sent.delete(key);
  }

  private sync(): void {
    const current = this.generation();
    if (current === this.seen) return;
    this.seen = current;
    this.sent.clear();
  }
}
