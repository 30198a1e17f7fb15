import type { ErrorCode } from '@exam/shared/errors';
import {
  toolsKey,
  type DisplayPreference,
  type DisplaySet,
  type ItemTools,
  type ToolTarget,
  type ToolsSave,
} from '@exam/shared/protocol';
import type { LatestRecord } from './outbox';
import { refusalOutcome } from './refusals';
import { SentOnConnection, serialQueue, type SyncChannel } from './sync-support';

/** One item's tools without the bookkeeping: what the screen reads and changes. */
export type ToolsState = Pick<ItemTools, 'struck' | 'highlights' | 'note'>;

export const noTools: ToolsState = { struck: [], highlights: [], note: '' };
const DISPLAY_KEY = 'display';

/**
 * The candidate's tools (struck options, highlights, notes per item) and display preference:
 * each kept whole under its key with a revision, like a vignette's draft. The latest change of a
 * key is put in the persisted outbox before it is sent, and leaves it only when the server
 * acknowledges that revision (or refuses it for good).
 */
export class ToolsSync {
  private readonly pending = new Map<string, LatestRecord & { frame: ToolsSave | DisplaySet }>();
  /** The highest revision this device used or the server stored, per key. */
  private readonly revisions = new Map<string, number>();
  private stored = new Map<string, ItemTools>();
  private storedDisplay: DisplayPreference = { revision: 0, largeText: false, highContrast: false };
  private readonly sent: SentOnConnection<string>;
  private readonly serialise = serialQueue();

  constructor(private readonly channel: SyncChannel) {
    this.sent = new SentOnConnection(channel.generation);
  }

  async restore(): Promise<void> {
    for (const record of await this.channel.outbox.latest()) {
      this.bump(record.key, record.revision);
      if (record.frame) this.pending.set(record.key, { ...record, frame: record.frame });
    }
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  onWelcome(tools: readonly ItemTools[], display: DisplayPreference): void {
    this.stored = new Map(tools.map((item) => [toolsKey(item.target, item.position), item]));
    this.storedDisplay = display;
    for (const item of tools) this.bump(toolsKey(item.target, item.position), item.revision);
    this.bump(DISPLAY_KEY, display.revision);
    // A pending change no newer than what the server holds was overtaken (another device).
    for (const [key, record] of this.pending) {
      const storedRevision =
        key === DISPLAY_KEY ? display.revision : (this.stored.get(key)?.revision ?? 0);
      if (record.revision <= storedRevision) this.settle(key, record.revision);
    }
    this.replay();
  }

  /** The item's tools: the newest unacknowledged change, else what the server holds. */
  itemTools(target: ToolTarget, position: number): ToolsState {
    const key = toolsKey(target, position);
    const frame = this.pending.get(key)?.frame;
    const item = frame && frame.type === 'tools.save' ? frame : this.stored.get(key);
    return item ? { struck: item.struck, highlights: item.highlights, note: item.note } : noTools;
  }

  display(): { largeText: boolean; highContrast: boolean } {
    const frame = this.pending.get(DISPLAY_KEY)?.frame;
    const source = frame && frame.type === 'display.set' ? frame : this.storedDisplay;
    return { largeText: source.largeText, highContrast: source.highContrast };
  }

  setItem(target: ToolTarget, position: number, next: ToolsState): Promise<void> {
    const key = toolsKey(target, position);
    const revision = this.next(key);
    const madeAt = this.channel.serverNow();
    return this.put({
      key,
      revision,
      frame: { type: 'tools.save', target, position, revision, ...next, madeAt },
    });
  }

  setDisplay(next: { largeText: boolean; highContrast: boolean }): Promise<void> {
    const revision = this.next(DISPLAY_KEY);
    return this.put({
      key: DISPLAY_KEY,
      revision,
      frame: { type: 'display.set', revision, ...next },
    });
  }

  onAck(key: string, revision: number): void {
    const record = this.pending.get(key);
    if (!record || record.revision > revision) return;
    const { frame } = record;
    if (frame.type === 'tools.save') {
      const { type: _type, madeAt: _madeAt, ...item } = frame;
      this.stored.set(key, item);
    } else {
      const { type: _type, ...display } = frame;
      this.storedDisplay = display;
    }
    this.settle(key, record.revision);
    this.channel.changed();
  }

  onRejected(key: string, revision: number, code: ErrorCode, text: string): void {
    const record = this.pending.get(key);
    if (!record || record.revision !== revision) return;
    switch (refusalOutcome(code)) {
      case 'drop':
        // Never stored (over a cap, time up): the screen goes back to what the server holds.
        this.settle(key, revision);
        this.channel.refused(text);
        this.channel.changed();
        return;
      case 'renumber':
      case 'hold':
      case 'retry':
        // Kept (paused, not started): sent again when the clock runs or on the next connection.
        this.sent.forget(key);
        this.channel.notify(text);
        return;
    }
  }

  replay(): void {
    if (!this.channel.canSend()) return;
    void this.serialise(async () => {
      for (const record of this.pending.values()) this.sendRecord(record);
    });
  }

  private put(record: LatestRecord & { frame: ToolsSave | DisplaySet }): Promise<void> {
    this.pending.set(record.key, record);
    this.channel.changed();
    return this.serialise(async () => {
      await this.channel.outbox.putLatest(record);
      if (this.pending.get(record.key) === record) this.sendRecord(record);
    });
  }

  private next(key: string): number {
    const revision = (this.revisions.get(key) ?? 0) + 1;
    this.revisions.set(key, revision);
    return revision;
  }

  private bump(key: string, revision: number): void {
    this.revisions.set(key, Math.max(this.revisions.get(key) ?? 0, revision));
  }

  private settle(key: string, revision: number): void {
    if ((this.pending.get(key)?.revision ?? Infinity) <= revision) this.pending.delete(key);
    void this.channel.outbox.settleLatest(key, revision);
  }

  private sendRecord(record: LatestRecord & { frame: ToolsSave | DisplaySet }): void {
    if (!this.channel.canSend() || this.sent.has(record.key, record.revision)) return;
    if (this.channel.send(record.frame)) this.sent.mark(record.key, record.revision);
  }
}
