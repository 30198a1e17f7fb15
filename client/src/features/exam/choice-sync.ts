import { finalRejections, SentOnConnection, serialQueue, type SyncChannel } from './sync-support';

/**
 * Which vignettes the candidate answers: one whole choice at a time, with a revision above any
 * used on this device or stored on the server, kept in the outbox until acknowledged.
 */
export class ChoiceSync {
  private revision = 0;
  private stored: number[] = [];
  private pending: { revision: number; chosen: number[] } | undefined;
  private readonly sent: SentOnConnection<'choice'>;
  private readonly serialise = serialQueue();

  constructor(private readonly channel: SyncChannel) {
    this.sent = new SentOnConnection(channel.generation);
  }

  async restore(): Promise<void> {
    const kept = await this.channel.outbox.choice();
    if (!kept) return;
    this.revision = Math.max(this.revision, kept.revision);
    if (kept.chosen !== null) this.pending ??= { revision: kept.revision, chosen: kept.chosen };
  }

  get pendingCount(): number {
    return this.pending ? 1 : 0;
  }

  /** The stored choice with any unacknowledged change on top. */
  chosen(): number[] {
    return this.pending?.chosen ?? this.stored;
  }

  onWelcome(chosen: number[], revision: number): void {
    this.stored = chosen;
    this.revision = Math.max(this.revision, revision);
    const pending = this.pending;
    if (pending && pending.revision <= revision) {
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

  onRejected(revision: number, code: string, message: string): void {
    if (this.pending?.revision !== revision) return;
    if (finalRejections.has(code)) {
      this.pending = undefined;
      void this.serialise(() => this.channel.outbox.settleChoice(revision));
    } else {
      this.sent.forget('choice');
    }
    this.channel.notify(message);
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
    if (!pending || !this.channel.canSend() || this.sent.has('choice', pending.revision)) return;
    if (this.channel.send({ type: 'choice.set', ...pending }))
      this.sent.mark('choice', pending.revision);
  }
}
