/** The content of one answer change, as sent and as the database must hold it. */
export interface SaveContent {
  position: number;
  choice: number | null;
  flagged: boolean;
}

/**
 * A simulated candidate's Part One changes, as the real client keeps them: each change gets the
 * next sequence number and waits in an outbox until it is sent; whatever was sent and not
 * acknowledged when a socket closes goes back into the outbox, in order.
 */
export class AnswerBook {
  /** Every change ever made, by sequence number. */
  readonly sent = new Map<number, SaveContent>();
  /** The changes the server acknowledged: these must be in the database. */
  readonly acked = new Map<number, SaveContent>();
  private outbox: number[] = [];
  /** Sent on the current socket and not yet acknowledged: sequence number to when it was sent. */
  private readonly inFlight = new Map<number, number>();
  private nextSeq = 1;

  constructor(private readonly random: () => number) {}

  /** Changes waiting to be sent, or sent on the current socket and not yet acknowledged. */
  get unacknowledged(): number {
    return this.outbox.length + this.inFlight.size;
  }

  get lastAckedSeq(): number {
    return Math.max(0, ...this.acked.keys());
  }

  /** The welcome's highest stored sequence number: new changes go above it. */
  noteMaxSeq(maxSeq: number): void {
    this.nextSeq = Math.max(this.nextSeq, maxSeq + 1);
  }

  /** A new change to one of `questionCount` questions. */
  make(questionCount: number): void {
    const seq = this.nextSeq;
    this.nextSeq += 1;
    const roll = this.random();
    this.sent.set(seq, {
      position: 1 + Math.floor(this.random() * questionCount),
      choice: roll < 0.1 ? null : Math.floor(this.random() * 4),
      flagged: this.random() < 0.15,
    });
    this.outbox.push(seq);
  }

  /** The next change to send, marked in flight. */
  nextToSend(): ({ seq: number } & SaveContent) | undefined {
    const seq = this.outbox.shift();
    const content = seq === undefined ? undefined : this.sent.get(seq);
    if (seq === undefined || !content) return undefined;
    this.inFlight.set(seq, Date.now());
    return { seq, ...content };
  }

  /** Returns when the acknowledged change was sent, or undefined if it was not in flight. */
  onAck(seq: number): number | undefined {
    const content = this.sent.get(seq);
    const sentAt = this.inFlight.get(seq);
    if (!content || sentAt === undefined) return undefined;
    this.inFlight.delete(seq);
    this.acked.set(seq, content);
    return sentAt;
  }

  onRejected(seq: number): void {
    this.inFlight.delete(seq);
  }

  /** Whatever was sent and not acknowledged may or may not be stored: send it again. */
  onDisconnect(): void {
    this.outbox = [...this.inFlight.keys(), ...this.outbox].sort((a, b) => a - b);
    this.inFlight.clear();
  }
}
