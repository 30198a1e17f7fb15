import { MAX_ESSAY_BYTES } from '@exam/shared/editor';
import { DRAFT_MAX_FRAME_BYTES, type StoredResponse } from '@exam/shared/protocol';
import { finalRejections, SentOnConnection, serialQueue, type SyncChannel } from './sync-support';

export interface DraftTiming {
  /** Quiet time after the last keystroke before a draft is sent (about 1 s). */
  idleMs?: number;
  /** Longest a draft waits while the candidate keeps typing (about 5 s). */
  maxWaitMs?: number;
}

interface Pending {
  revision: number;
  doc: unknown;
  /** The draft.save frame, built once when the revision is made. */
  frame: string;
}

interface Draft {
  /** Editor text not yet given a revision (waiting for the debounce). */
  dirty: unknown;
  /** In the outbox, not yet acknowledged. */
  pending: Pending | undefined;
  /** Highest revision used on this device or stored on the server: new ones go above it. */
  revision: number;
  stored: { revision: number; doc: unknown } | undefined;
  /** A revision not to send (too long, or refused by the server's checks), and why. */
  held: { revision: number; problem: string } | undefined;
}

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;

/**
 * Part Two's drafts: per vignette, the latest whole document with a revision that only grows,
 * kept in the outbox until acknowledged and replayed on every (re)connect. A draft goes out
 * debounced, or at once when the caller flushes (blur, switching vignette, submit, page hide).
 * One too large for the socket is held in the outbox and never sent.
 */
export class DraftSync {
  private readonly drafts = new Map<number, Draft>();
  private readonly sent: SentOnConnection<number>;
  private readonly serialise = serialQueue();
  private readonly replaced: Record<number, number> = {};
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstDirtyAt: number | undefined;

  constructor(
    private readonly channel: SyncChannel,
    private readonly timing: DraftTiming = {},
  ) {
    this.sent = new SentOnConnection(channel.generation);
  }

  /** Loads what the outbox kept from earlier visits; none of it is assumed stored. */
  async restore(): Promise<void> {
    for (const record of await this.channel.outbox.drafts()) {
      const draft = this.draft(record.vignette);
      draft.revision = Math.max(draft.revision, record.revision);
      if (record.doc !== null && (draft.pending?.revision ?? 0) < record.revision)
        this.makePending(record.vignette, draft, record.revision, record.doc);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  /** The text an editor should open with: the newest this device knows of. */
  docFor(vignette: number): unknown {
    const draft = this.drafts.get(vignette);
    return draft && (draft.dirty ?? draft.pending?.doc ?? draft.stored?.doc);
  }

  summary() {
    let pendingCount = 0;
    const unsavable: Record<number, string> = {};
    for (const [vignette, draft] of this.drafts) {
      if (draft.dirty !== undefined || draft.pending) pendingCount += 1;
      if (draft.held) unsavable[vignette] = draft.held.problem;
    }
    return { pendingCount, unsavable, replaced: { ...this.replaced } };
  }

  /** The server's stored responses after (re)connecting; then everything unacknowledged again. */
  onWelcome(responses: StoredResponse[]): void {
    for (const response of responses) {
      const { vignette, revision } = response;
      const draft = this.draft(vignette);
      const previous = draft.stored?.revision ?? 0;
      draft.stored = { revision, doc: response.doc };
      draft.revision = Math.max(draft.revision, revision);
      const pending = draft.pending;
      if (pending && pending.revision <= revision) {
        // Stored already (its acknowledgement lost on the way) or superseded by a newer revision
        // from another tab or device: the server will not take this one either way.
        draft.pending = undefined;
        draft.held = undefined;
        void this.serialise(() => this.channel.outbox.settleDraft(vignette, pending.revision));
        if (pending.revision < revision && draft.dirty === undefined) {
          this.replace(vignette);
          this.channel.notify(
            `Your response to vignette ${vignette} was saved more recently from another tab or device; that version is shown.`,
          );
        }
      } else if (!pending && draft.dirty === undefined && revision > previous) {
        this.replace(vignette);
      }
    }
    this.replay();
  }

  /** The editor's latest document; sent after about a second of quiet, at most every few seconds. */
  edit(vignette: number, doc: unknown): void {
    const draft = this.draft(vignette);
    const wasClean = draft.dirty === undefined && !draft.pending;
    draft.dirty = doc;
    const now = Date.now();
    this.firstDirtyAt ??= now;
    const idle = this.timing.idleMs ?? 1_000;
    const maxWait = this.timing.maxWaitMs ?? 5_000;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(idle, this.firstDirtyAt + maxWait - now));
    this.timer = setTimeout(() => void this.flush(), wait);
    if (wasClean) this.channel.changed();
  }

  /** Gives every edited draft its revision, keeps it in the outbox, then sends it. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.firstDirtyAt = undefined;
    const written: Promise<void>[] = [];
    for (const [vignette, draft] of this.drafts) {
      if (draft.dirty === undefined) continue;
      draft.revision += 1;
      const pending = this.makePending(vignette, draft, draft.revision, draft.dirty);
      draft.dirty = undefined;
      const { revision, doc } = pending;
      written.push(
        this.serialise(async () => {
          await this.channel.outbox.putDraft({ vignette, revision, doc });
          // A newer revision may have been made meanwhile; it is sent once it is kept too.
          if (draft.pending === pending) this.send(vignette);
        }),
      );
    }
    if (written.length > 0) this.channel.changed();
    return Promise.all(written).then(() => undefined);
  }

  /** Sends every unacknowledged draft, once any outbox write under way is done. */
  replay(): void {
    if (!this.channel.canSend()) return;
    void this.serialise(async () => {
      for (const vignette of this.drafts.keys()) this.send(vignette);
    });
  }

  /** An acknowledgement of revision r settles the kept draft only if it is not newer than r. */
  onAck(vignette: number, revision: number): void {
    const draft = this.draft(vignette);
    draft.revision = Math.max(draft.revision, revision);
    const pending = draft.pending;
    if (!pending || pending.revision > revision) return;
    draft.stored = { revision, doc: pending.doc };
    draft.pending = undefined;
    draft.held = undefined;
    void this.serialise(() => this.channel.outbox.settleDraft(vignette, revision));
    this.channel.changed();
  }

  onRejected(vignette: number, revision: number, code: string, message: string): void {
    const draft = this.draft(vignette);
    if (draft.pending?.revision !== revision) return;
    if (finalRejections.has(code)) {
      draft.pending = undefined;
      draft.held = undefined;
      void this.serialise(() => this.channel.outbox.settleDraft(vignette, revision));
      this.channel.notify(message);
    } else if (code.startsWith('ESSAY_')) {
      // The document itself is refused: sending it again would be refused again.
      draft.held = { revision, problem: message };
    } else {
      // Not stored yet (paused, not started): sent again when the clock runs.
      this.sent.forget(vignette);
      this.channel.notify(message);
    }
    this.channel.changed();
  }

  /** Part Two closed: drops whatever is still unacknowledged; returns those vignettes. */
  abandon(): number[] {
    clearTimeout(this.timer);
    this.firstDirtyAt = undefined;
    const dropped: number[] = [];
    for (const [vignette, draft] of this.drafts) {
      if (draft.dirty === undefined && !draft.pending) continue;
      dropped.push(vignette);
      const revision = draft.pending?.revision ?? draft.revision;
      draft.dirty = undefined;
      draft.pending = undefined;
      draft.held = undefined;
      void this.serialise(() => this.channel.outbox.settleDraft(vignette, revision));
    }
    return dropped.sort((a, b) => a - b);
  }

  private send(vignette: number): void {
    const draft = this.drafts.get(vignette);
    const pending = draft?.pending;
    if (!draft || !pending || !this.channel.canSend()) return;
    if (draft.held?.revision === pending.revision || this.sent.has(vignette, pending.revision))
      return;
    if (this.channel.send(pending.frame)) this.sent.mark(vignette, pending.revision);
  }

  /**
   * Makes a revision the one waiting to be stored, and checks its size at once: the server closes
   * a socket that sends an oversized frame and refuses an oversized document, so sending either
   * would only loop. Such a draft is held in the outbox, and the candidate told, instead.
   */
  private makePending(vignette: number, draft: Draft, revision: number, doc: unknown): Pending {
    const frame = JSON.stringify({ type: 'draft.save', vignette, revision, doc });
    const pending = { revision, doc, frame };
    draft.pending = pending;
    const docBytes = byteLength(JSON.stringify(doc));
    const tooLong = byteLength(frame) > DRAFT_MAX_FRAME_BYTES || docBytes > MAX_ESSAY_BYTES;
    draft.held = tooLong
      ? {
          revision,
          problem: `Your response to vignette ${vignette} is too long to save (${Math.ceil(docBytes / 1024)} KB; the limit is ${MAX_ESSAY_BYTES / 1024} KB). Shorten it to save it; until then your latest text is kept only on this device.`,
        }
      : undefined;
    return pending;
  }

  private replace(vignette: number): void {
    this.replaced[vignette] = (this.replaced[vignette] ?? 0) + 1;
  }

  private draft(vignette: number): Draft {
    let draft = this.drafts.get(vignette);
    if (!draft) {
      draft = {
        dirty: undefined,
        pending: undefined,
        revision: 0,
        stored: undefined,
        held: undefined,
      };
      this.drafts.set(vignette, draft);
    }
    return draft;
  }
}
