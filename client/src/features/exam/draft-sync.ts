import type { ErrorCode } from '@exam/shared/errors';
import type { LateChangeStatus, StoredResponse } from '@exam/shared/protocol';
import { DraftPatches } from './draft-patches';
import { makePending, newDraft, summariseDrafts, type Draft } from './draft-record';
import { reconcileDraftsWithWelcome } from './draft-welcome';
import { refusalOutcome } from './refusals';
import { SentOnConnection, serialQueue, type SyncChannel } from './sync-support';

export interface DraftTiming {
  /** Quiet time after the last keystroke before a draft is sent (about 1 s). */
  idleMs?: number;
  /** Longest a draft waits while the candidate keeps typing (about 5 s). */
  maxWaitMs?: number;
  /** Least time between two patches of editor steps (DRAFT_PATCH_INTERVAL_MS, 800 ms). */
  patchMs?: number;
}

/**
 * Part Two's drafts: per vignette, the latest whole document with a revision that only grows,
 * kept in the outbox until acknowledged and replayed on every (re)connect. A draft is kept
 * debounced, or at once when the caller flushes (blur, switching vignette, submit, page hide).
 * One too large for the socket is held in the outbox and never sent.
 *
 * Once a whole draft has gone out on a connection, the editor's steps follow it as patches every
 * DRAFT_PATCH_INTERVAL_MS (800 ms), each a new revision: a keystroke is durable on the server within a
 * second, in a frame of a few hundred bytes. A kept draft that a patch already carries is not
 * sent again; a refused patch (or a new connection) falls back to the whole draft.
 */
export class DraftSync {
  private readonly drafts = new Map<number, Draft>();
  private readonly sent: SentOnConnection<number>;
  private readonly serialise = serialQueue();
  private readonly replaced: Record<number, number> = {};
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstDirtyAt: number | undefined;
  private readonly patches: DraftPatches;

  constructor(
    private readonly channel: SyncChannel,
    private readonly timing: DraftTiming = {},
  ) {
    this.sent = new SentOnConnection(channel.generation);
    this.patches = new DraftPatches(
      channel,
      {
        nextRevision: (vignette) => (this.draft(vignette).revision += 1),
        latest: (vignette) => this.docFor(vignette),
      },
      timing.patchMs,
    );
  }

  /** Loads what the outbox kept from earlier visits; none of it is assumed stored. */
  async restore(): Promise<void> {
    for (const record of await this.channel.outbox.drafts()) {
      const draft = this.draft(record.vignette);
      draft.revision = Math.max(draft.revision, record.revision);
      if (record.doc !== null && (draft.pending?.revision ?? 0) < record.revision)
        makePending(record.vignette, draft, record.revision, record.doc, record.madeAt);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.patches.dispose();
  }

  /** The text an editor should open with: the newest this device knows of. */
  docFor(vignette: number): unknown {
    const draft = this.drafts.get(vignette);
    return draft && (draft.dirty ?? draft.pending?.doc ?? draft.stored?.doc);
  }

  summary() {
    return summariseDrafts(this.drafts, this.replaced);
  }

  /** The server holds this revision as a late change: kept, not sent again, not saved. */
  onHeld(vignette: number, revision: number): void {
    const draft = this.draft(vignette);
    if (draft.pending?.revision !== revision) return;
    draft.lateHeld = revision;
    this.channel.changed();
  }

  /** The server's stored responses after (re)connecting; then everything unacknowledged again. */
  onWelcome(responses: StoredResponse[], lateChanges: readonly LateChangeStatus[] = []): void {
    // A new connection holds no revision to patch: each chain starts again from a whole draft.
    this.patches.dropAll();
    reconcileDraftsWithWelcome(responses, lateChanges, {
      draft: (vignette) => this.draft(vignette),
      existing: (vignette) => this.drafts.get(vignette),
      settle: (vignette, revision) =>
        void this.serialise(() => this.channel.outbox.settleDraft(vignette, revision)),
      replace: (vignette) => this.replace(vignette),
      notify: (message) => this.channel.notify(message),
    });
    this.replay();
  }

  /** The editor's latest document; sent after about a second of quiet, at most every few seconds. */
  edit(vignette: number, doc: unknown): void {
    const draft = this.draft(vignette);
    const wasClean = draft.dirty === undefined && !draft.pending;
    draft.dirty = doc;
    draft.editedAt = this.channel.serverNow();
    this.patches.edited(vignette);
    const now = Date.now();
    this.firstDirtyAt ??= now;
    const idle = this.timing.idleMs ?? 1_000;
    const maxWait = this.timing.maxWaitMs ?? 5_000;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(idle, this.firstDirtyAt + maxWait - now));
    this.timer = setTimeout(() => void this.flush(), wait);
    if (wasClean) this.channel.changed();
  }

  /** The steps of one editor transaction, and the document's size after them. */
  steps(vignette: number, steps: unknown[], size: number): void {
    this.patches.steps(vignette, steps, size);
  }

  /**
   * Gives every edited draft its revision, keeps it in the outbox, then sends it, unless the
   * patches just sent already carry it (then the kept draft waits for their acknowledgement).
   */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.firstDirtyAt = undefined;
    this.patches.flush();
    const written: Promise<void>[] = [];
    for (const [vignette, draft] of this.drafts) {
      if (draft.dirty === undefined) continue;
      const patched = this.patches.holds(vignette, draft.revision);
      if (patched && (draft.stored?.revision ?? 0) >= draft.revision) {
        draft.dirty = undefined; // acknowledged already
        continue;
      }
      if (!patched) {
        draft.revision += 1;
        this.patches.start(vignette, draft.revision, false);
      }
      const pending = makePending(vignette, draft, draft.revision, draft.dirty, draft.editedAt);
      draft.dirty = undefined;
      const { revision, doc, madeAt } = pending;
      // On the device at once: a tab closed before the outbox's write commits loses nothing.
      this.channel.outbox.journalDraft({ vignette, revision, doc, madeAt });
      written.push(
        this.serialise(async () => {
          await this.channel.outbox.putDraft({ vignette, revision, doc, madeAt });
          // A newer revision may have been made meanwhile; it is sent once it is kept too.
          if (draft.pending === pending && !patched) this.send(vignette);
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
    const patchedDoc = this.patches.acknowledged(vignette, revision);
    if (patchedDoc !== undefined) {
      draft.stored = { revision, doc: patchedDoc };
      // Nothing typed since that patch: the candidate's text is stored.
      if (draft.dirty === patchedDoc) draft.dirty = undefined;
      this.channel.changed();
    }
    const pending = draft.pending;
    if (!pending || pending.revision > revision) return;
    draft.stored = { revision, doc: patchedDoc ?? pending.doc };
    draft.pending = undefined;
    draft.held = undefined;
    void this.serialise(() => this.channel.outbox.settleDraft(vignette, revision));
    this.channel.changed();
  }

  onRejected(vignette: number, revision: number, code: ErrorCode, message: string): void {
    const draft = this.draft(vignette);
    if (this.patches.isPatch(vignette, revision)) {
      this.onPatchRejected(vignette, draft, revision, code, message);
      return;
    }
    if (draft.pending?.revision !== revision) return;
    switch (refusalOutcome(code)) {
      case 'drop':
        draft.pending = undefined;
        draft.held = undefined;
        void this.serialise(() => this.channel.outbox.settleDraft(vignette, revision));
        this.channel.refused(message);
        break;
      case 'hold':
        // The document itself is refused: sending it again would be refused again.
        draft.held = { revision, problem: message };
        break;
      case 'renumber':
      case 'retry':
        // Not stored yet (paused, not started): sent again when the clock runs. Drafts carry
        // revisions, not sequence numbers, so there is nothing to renumber.
        this.sent.forget(vignette);
        this.channel.notify(message);
        break;
    }
    this.channel.changed();
  }

  /** Part Two closed: drops whatever is still unacknowledged; returns those vignettes. */
  abandon(): number[] {
    clearTimeout(this.timer);
    this.firstDirtyAt = undefined;
    const dropped: number[] = [];
    this.patches.dropAll();
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
    if (
      draft.held?.revision === pending.revision ||
      draft.lateHeld === pending.revision ||
      this.sent.has(vignette, pending.revision)
    )
      return;
    if (!this.channel.send(pending.frame)) return;
    this.sent.mark(vignette, pending.revision);
    this.patches.draftSent(vignette, pending.revision, draft.dirty === undefined);
  }

  /** The server could not take a patch: the whole document goes instead, as the next draft. */
  private onPatchRejected(
    vignette: number,
    draft: Draft,
    revision: number,
    code: ErrorCode,
    message: string,
  ): void {
    this.patches.drop(vignette);
    if (refusalOutcome(code) === 'drop') {
      this.channel.notify(message);
      return;
    }
    if (draft.pending && draft.pending.revision >= revision) {
      // Kept but not sent, since this patch carried it.
      this.sent.forget(vignette);
      this.send(vignette);
    } else if (draft.dirty !== undefined) {
      void this.flush();
    }
  }

  private replace(vignette: number): void {
    this.replaced[vignette] = (this.replaced[vignette] ?? 0) + 1;
  }

  private draft(vignette: number): Draft {
    let draft = this.drafts.get(vignette);
    if (!draft) {
      draft = newDraft();
      this.drafts.set(vignette, draft);
    }
    return draft;
  }
}
