import type { LateChangeStatus, StoredResponse } from '@exam/shared/protocol';
import type { Draft } from './draft-record';

/** What reconciling drafts with a welcome may do beyond changing the drafts themselves. */
export interface WelcomeEffects {
  /** The vignette's draft, made if this device has none. */
  draft(vignette: number): Draft;
  /** The vignette's draft only if this device has one. */
  existing(vignette: number): Draft | undefined;
  /** The outbox is done with this revision (queued behind any outbox write under way). */
  settle(vignette: number, revision: number): void;
  /** The editor must reload the vignette's text: a newer version is stored. */
  replace(vignette: number): void;
  notify(message: string): void;
}

/**
 * Brings the device's drafts in line with what the server says it stores after a (re)connect:
 * responses stored already or superseded from another tab or device, and held late changes and
 * their decisions. Apart from DraftSync because it is the one place the server's record
 * overrides the device's, and reads best whole.
 */
export function reconcileDraftsWithWelcome(
  responses: StoredResponse[],
  lateChanges: readonly LateChangeStatus[],
  effects: WelcomeEffects,
): void {
  for (const response of responses) {
    const { vignette, revision } = response;
    const draft = effects.draft(vignette);
    const previous = draft.stored?.revision ?? 0;
    draft.stored = { revision, doc: response.doc };
    draft.revision = Math.max(draft.revision, revision);
    const pending = draft.pending;
    if (pending && pending.revision <= revision) {
      // Stored already (its acknowledgement lost on the way) or superseded by a newer revision
      // from another tab or device: the server will not take this one either way.
      draft.pending = undefined;
      draft.held = undefined;
      effects.settle(vignette, pending.revision);
      if (pending.revision < revision && draft.dirty === undefined) {
        effects.replace(vignette);
        effects.notify(
          `Your response to vignette ${vignette} was saved more recently than this device's copy (from another tab or device, or before a reload); that version is shown.`,
        );
      }
    } else if (!pending && draft.dirty === undefined && revision > previous) {
      effects.replace(vignette);
    }
  }
  for (const late of lateChanges) {
    const draft = late.kind === 'draft' ? effects.existing(late.position) : undefined;
    const pending = draft?.pending;
    if (!draft || !pending || pending.revision !== late.seq) continue;
    if (late.status === 'held') draft.lateHeld = late.seq;
    else {
      // Decided: an accepted one is in the stored responses; either way the outbox is done.
      draft.pending = undefined;
      draft.lateHeld = undefined;
      effects.settle(late.position, late.seq);
    }
  }
}
