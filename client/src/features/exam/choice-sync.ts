import type { ErrorCode } from '@exam/shared/errors';
import type { LateChangeStatus } from '@exam/shared/protocol';
import { refusalOutcome } from './refusals';
import { SentOnConnection, serialQueue, type SyncChannel } from './sync-support';

type PendingChoice = { revision: number; chosen: number[]; madeAt?: number };

/**
 * Which vignettes the candidate answers: one whole choice at a time, with a revision above any
 * used on this device or stored on the server, kept in the outbox until acknowledged.
 */
export class ChoiceSync {
  private revision = 0;
  private stored: number[] = [];
  private pending: PendingChoice | undefined;
  /** The pending revision the server holds as a late change, for a proctor to decide. */
  private heldRevision: number | undefined;
  private readonly sent: SentOnConnection<'choice'>;
  private readonly serialise = serialQueue();

  constructor(private readonly channel: SyncChannel) {
    this.sent = new SentOnConnection(channel.generation);
  }

  async restore(): Promise<void> {
    const kept = await this.channel.outbox.choice();
    if (!kept) return;
    this.revision = Math.max(this.revision, kept.revision);
    if (kept.chosen !== null)
      this.pending ??= { revision: kept.revision, chosen: kept.chosen, madeAt: kept.madeAt };
  }

  /** Waiting to be sent or acknowledged (a held choice is counted apart). */
  get pendingCount(): number {
    return this.pending && !this.isHeld() ? 1 : 0;
  }

  /** 1 while the server holds this device's choice as a late change; it stays in the outbox. */
  get heldCount(): number {
    return this.isHeld() ? 1 : 0;
  }

  private isHeld(): boolean {
    return this.pending !== undefined && this.pending.revision === this.heldRevision;
  }

  /** The stored choice with any unacknowledged change on top. */
  chosen(): number[] {
    return this.pending?.chosen ?? this.stored;
  }

  onWelcome(
    chosen: number[],
    revision: number,
    lateChanges: readonly LateChangeStatus[] = [],
  ): void {
    this.stored = chosen;
    this.revision = Math.max(this.revision, revision);
    const pending = this.pending;
    const late = lateChanges.find((c) => c.kind === 'choice' && c.seq === pending?.revision);
    if (late?.status === 'held') this.heldRevision = late.seq;
    // Decided: an accepted one is the stored choice above; either way the outbox is done.
    if (pending && (pending.revision <= revision || (late && late.status !== 'held'))) {
      // Stored already, or superseded by a newer choice from another tab or device.
      this.pending = undefined;
      void this.serialise(() => this.channel.outbox.settleChoice(pending.revision));
    }
    this.replay();
  }

  set(chosen: number[]): Promise<void> {
    this.revision += 1;
    const pending = {
      revision: this.revision,
      chosen: [...new Set(chosen)].sort((a, b) => a - b),
      // This device's claim of when the choice was made, evidence if it arrives late.
      madeAt: this.channel.serverNow(),
    };
    this.pending = pending;
    this.channel.changed();
    return this.serialise(async () => {
      await this.channel.outbox.putChoice(pending);
      if (this.pending === pending) this.send();
    });
  }

  replay(): void {
    if (!this.channel.canSend()) return;
    void this.serialise(async () => this.send());
  }

  /** An acknowledgement of revision r settles the kept choice only if it is not newer than r. */
  onAck(revision: number): void {
    this.revision = Math.max(this.revision, revision);
    const pending = this.pending;
    if (!pending || pending.revision > revision) return;
    this.stored = pending.chosen;
    this.pending = undefined;
    void this.serialise(() => this.channel.outbox.settleChoice(revision));
    this.channel.changed();
  }

  /**
   * The server stored this choice as a held late change: not saved, and not lost. It stays in
   * the outbox until a welcome reports the proctor's decision.
   */
  onHeld(revision: number): void {
    if (this.pending?.revision !== revision || this.heldRevision === revision) return;
    this.heldRevision = revision;
    this.channel.changed();
  }

  onRejected(revision: number, code: ErrorCode, message: string): void {
    if (this.pending?.revision !== revision) return;
    // A choice carries a revision, not a sequence number, and no document: only `drop` differs.
    if (refusalOutcome(code) === 'drop') {
      this.pending = undefined;
      void this.serialise(() => this.channel.outbox.settleChoice(revision));
      this.channel.refused(message);
    } else {
      this.sent.forget('choice');
      this.channel.notify(message);
    }
    this.channel.changed();
  }

  /** Part Two closed: drops an unacknowledged choice; true if there was one. */
  abandon(): boolean {
    const pending = this.pending;
    if (!pending) return false;
    this.pending = undefined;
    void this.serialise(() => this.channel.outbox.settleChoice(pending.revision));
    return true;
  }

  private send(): void {
    const pending = this.pending;
    if (!pending || this.isHeld() || !this.channel.canSend()) return;
    if (this.sent.has('choice', pending.revision)) return;
    if (this.channel.send({ type: 'choice.set', ...pending }))
      this.sent.mark('choice', pending.revision);
  }
}
