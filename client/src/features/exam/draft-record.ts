import { DRAFT_MAX_FRAME_BYTES, MAX_ESSAY_BYTES } from '@exam/shared/protocol';

/**
 * One vignette's draft as DraftSync keeps it, and the rules that read or set it without the
 * socket or the outbox: making a revision the pending one (with its size check), and counting
 * what is waiting for the screen.
 */

export interface Pending {
  revision: number;
  doc: unknown;
  /** The device's claim of when this text was made, sent as evidence. */
  madeAt: number | undefined;
  /** The draft.save frame, built once when the revision is made. */
  frame: string;
}

export interface Draft {
  /** Editor text not yet given a revision (waiting for the debounce). */
  dirty: unknown;
  /** When the dirty text was last edited (server time as this device estimates it). */
  editedAt: number | undefined;
  /** In the outbox, not yet acknowledged. */
  pending: Pending | undefined;
  /** Highest revision used on this device or stored on the server: new ones go above it. */
  revision: number;
  stored: { revision: number; doc: unknown } | undefined;
  /** A revision not to send (too long, or refused by the server's checks), and why. */
  held: { revision: number; problem: string } | undefined;
  /**
   * A revision the server holds as a late change (it arrived after time ran out): kept in the
   * outbox, not sent again, and not "saved", until the server reports the proctor's decision.
   */
  lateHeld: number | undefined;
}

export function newDraft(): Draft {
  return {
    dirty: undefined,
    editedAt: undefined,
    pending: undefined,
    revision: 0,
    stored: undefined,
    held: undefined,
    lateHeld: undefined,
  };
}

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;

/**
 * Makes a revision the one waiting to be stored, and checks its size at once: the server closes
 * a socket that sends an oversized frame and refuses an oversized document, so sending either
 * would only loop. Such a draft is held in the outbox, and the candidate told, instead.
 */
export function makePending(
  vignette: number,
  draft: Draft,
  revision: number,
  doc: unknown,
  madeAt: number | undefined,
): Pending {
  const frame = JSON.stringify({ type: 'draft.save', vignette, revision, doc, madeAt });
  const pending = { revision, doc, frame, madeAt };
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

/** What is waiting, held and unsavable across the drafts, for the screen. */
export function summariseDrafts(
  drafts: ReadonlyMap<number, Draft>,
  replaced: Record<number, number>,
) {
  let pendingCount = 0;
  let heldCount = 0;
  const unsavable: Record<number, string> = {};
  for (const [vignette, draft] of drafts) {
    const lateHeld = draft.pending !== undefined && draft.lateHeld === draft.pending.revision;
    if (lateHeld) heldCount += 1;
    if (draft.dirty !== undefined || (draft.pending && !lateHeld)) pendingCount += 1;
    if (draft.held) unsavable[vignette] = draft.held.problem;
  }
  return { pendingCount, heldCount, unsavable, replaced: { ...replaced } };
}
