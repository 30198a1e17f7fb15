import type { ErrorCode } from '@exam/shared/errors';
import type { AnswerSave, LateChangeStatus } from '@exam/shared/protocol';
import type { AnswerState } from './exam-state';
import { refusalOutcome } from './refusals';
import { SentOnConnection, serialQueue, type SyncChannel } from './sync-support';

/**
 * Part One's answers: every change is a save with a sequence number above anything used on this
 * device or stored on the server, kept in the outbox until acknowledged and replayed oldest first.
 */
export class AnswerSync {
  private readonly pending = new Map<number, AnswerSave>();
  /**
   * Pending saves the server holds as late changes: kept in the outbox (never counted as saved)
   * until it reports the proctor's decision, and not sent again meanwhile.
   */
  private readonly held = new Set<number>();
  private stored: Record<number, AnswerState> = {};
  private readonly storedSeq = new Map<number, number>();
  private readonly sent: SentOnConnection<number>;
  private readonly serialise = serialQueue();
  private lastSeq = 0;
  /** Highest sequence number the server is known to have stored; sent in hello. */
  serverMaxSeq = 0;

  constructor(private readonly channel: SyncChannel) {
    this.sent = new SentOnConnection(channel.generation);
  }

  async restore(): Promise<void> {
    const [saved, lastSeq] = await Promise.all([
      this.channel.outbox.pending(),
      this.channel.outbox.lastSeq(),
    ]);
    for (const save of saved) this.pending.set(save.seq, save);
    this.lastSeq = Math.max(this.lastSeq, lastSeq);
  }

  /** Changes waiting to be sent or acknowledged (held late changes are counted apart). */
  get pendingCount(): number {
    return this.pending.size - this.held.size;
  }

  get heldCount(): number {
    return this.held.size;
  }

  /** Stored answers with every unacknowledged local change on top. */
  answers(): Record<number, AnswerState> {
    const answers = { ...this.stored };
    for (const save of [...this.pending.values()].sort((a, b) => a.seq - b.seq)) {
      answers[save.position] = { choice: save.choice, flagged: save.flagged };
    }
    return answers;
  }

  onWelcome(
    answers: { position: number; choice: number | null; flagged: boolean }[],
    maxSeq: number,
    lateChanges: readonly LateChangeStatus[] = [],
  ) {
    this.serverMaxSeq = maxSeq;
    this.stored = Object.fromEntries(
      answers.map((a) => [a.position, { choice: a.choice, flagged: a.flagged }]),
    );
    for (const late of lateChanges) {
      if (late.kind !== 'answer' || !this.pending.has(late.seq)) continue;
      if (late.status === 'held') this.held.add(late.seq);
      // Decided: accepted ones are in the stored answers above; either way the outbox is done.
      else this.settle(late.seq);
    }
    this.replay();
  }

  /**
   * Records one question's whole state. The screen shows it at once; it is sent only after it
   * is in the persisted outbox, and counts as saved only when the server acknowledges it.
   */
  setAnswer(position: number, next: AnswerState): Promise<void> {
    const seq = Math.max(this.lastSeq, this.serverMaxSeq) + 1;
    this.lastSeq = seq;
    // madeAt is this device's claim of when the change was made: evidence for a proctor should
    // the change arrive after time ran out, never trusted by the server.
    const madeAt = this.channel.serverNow();
    const save: AnswerSave = { type: 'answer.save', seq, position, ...next, madeAt };
    this.pending.set(seq, save);
    // Kept on the device before the screen counts it as waiting: a reload in the moment before
    // the outbox's write commits must not lose it.
    this.channel.outbox.journal(save);
    this.channel.changed();
    return this.serialise(async () => {
      await this.channel.outbox.put(save);
      if (this.pending.has(seq)) this.sendSave(save);
    });
  }

  onAck(seq: number): void {
    const save = this.pending.get(seq);
    if (!save) return;
    this.settle(seq);
    this.serverMaxSeq = Math.max(this.serverMaxSeq, seq);
    if (seq >= (this.storedSeq.get(save.position) ?? 0)) {
      this.stored[save.position] = { choice: save.choice, flagged: save.flagged };
      this.storedSeq.set(save.position, seq);
    }
    this.channel.changed();
  }

  /**
   * The server stored this save as a held late change: not saved, and not lost. It stays in the
   * outbox until the server reports a decision (in a later welcome).
   */
  onHeld(seq: number): void {
    if (!this.pending.has(seq) || this.held.has(seq)) return;
    this.held.add(seq);
    this.channel.changed();
  }

  onRejected(seq: number, code: ErrorCode, text: string): void {
    const save = this.pending.get(seq);
    if (!save) return;
    const outcome = refusalOutcome(code);
    switch (outcome) {
      case 'drop':
        // Never stored: dropped from the outbox, and the stored answer stays what it was.
        this.settle(seq);
        this.channel.refused(text);
        this.channel.changed();
        return;
      case 'renumber':
        // Another device used this number; the change itself is still wanted under a new one.
        void this.serialise(async () => {
          this.pending.delete(seq);
          await this.channel.outbox.remove(seq);
        }).then(() =>
          this.setAnswer(save.position, { choice: save.choice, flagged: save.flagged }),
        );
        return;
      case 'hold':
      case 'retry':
        // Not stored yet (paused, not started): send again when the clock runs. An answer has no
        // document to refuse, so a refused "document" is kept and sent again too.
        this.sent.forget(seq);
        this.channel.notify(text);
        return;
    }
  }

  /** Sends every unacknowledged save, oldest first, once any save being persisted is stored. */
  replay(): void {
    if (!this.channel.canSend()) return;
    void this.serialise(async () => {
      for (const save of [...this.pending.values()].sort((a, b) => a.seq - b.seq))
        if (!this.held.has(save.seq)) this.sendSave(save);
    });
  }

  private settle(seq: number): void {
    this.pending.delete(seq);
    this.held.delete(seq);
    void this.channel.outbox.remove(seq);
  }

  private sendSave(save: AnswerSave): void {
    if (!this.channel.canSend() || this.sent.has(save.seq, save.seq)) return;
    if (this.channel.send(save)) this.sent.mark(save.seq, save.seq);
  }
}
