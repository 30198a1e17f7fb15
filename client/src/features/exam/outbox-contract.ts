import type { AnswerSave, DisplaySet, ToolsSave } from '@exam/shared/protocol';

/**
 * Unacknowledged changes, persisted in IndexedDB (indexeddb-outbox.ts; memory-outbox.ts only
 * where IndexedDB is missing, and in tests) so a reload, a closed tab or a crashed browser loses
 * nothing typed on this device. An entry leaves only when the server acknowledges it
 * (or refuses it for good); a restored entry is never assumed synced.
 *
 * Part One keeps every answer save by sequence number. Part Two keeps, per vignette, only the
 * latest draft (a whole document supersedes the one before it) and one choice of vignettes. A
 * draft or choice record outlives its acknowledgement without its content, so the revision
 * numbers this device used keep growing across reloads.
 */

/** A vignette's latest draft on this device; `doc` is null once the server acknowledged it. */
export interface DraftRecord {
  vignette: number;
  revision: number;
  doc: unknown;
  /** When the text was last edited, in server time as the device estimated it (its claim). */
  madeAt?: number;
}

/** The latest choice of vignettes on this device; `chosen` is null once acknowledged. */
export interface ChoiceRecord {
  revision: number;
  chosen: number[] | null;
  /** When the choice was made, in server time as the device estimated it (its claim). */
  madeAt?: number;
}

/**
 * The latest change of something kept whole (one item's tools, the display preference) under
 * its key; `frame` is null once the server acknowledged that revision, so revisions keep growing.
 */
export interface LatestRecord {
  key: string;
  revision: number;
  frame: ToolsSave | DisplaySet | null;
}

export interface Outbox {
  /** Every pending save of this owner, oldest first. */
  pending(): Promise<AnswerSave[]>;
  /** The highest sequence number this device has used. */
  lastSeq(): Promise<number>;
  /**
   * Keeps the save at once, synchronously, so a reload before `put` has committed loses
   * nothing; `pending` and `lastSeq` include it until `put` or `remove` takes it over.
   */
  journal(save: AnswerSave): void;
  /** Stores the save and records its sequence number as used, in one transaction. */
  put(save: AnswerSave): Promise<void>;
  remove(seq: number): Promise<void>;
  /** Every vignette's draft record, pending (with doc) or acknowledged (doc null). */
  drafts(): Promise<DraftRecord[]>;
  /** Keeps the draft at once, synchronously, until `putDraft` has committed it (see `journal`). */
  journalDraft(draft: DraftRecord): void;
  /** Keeps the draft unless a higher revision of that vignette is already kept. */
  putDraft(draft: DraftRecord): Promise<void>;
  /** The server stored `revision`: the kept draft is dropped if it is not newer than that. */
  settleDraft(vignette: number, revision: number): Promise<void>;
  choice(): Promise<ChoiceRecord | undefined>;
  /** Keeps the choice unless a higher revision is already kept. */
  putChoice(choice: ChoiceRecord): Promise<void>;
  settleChoice(revision: number): Promise<void>;
  /** Every tools and display record, pending (with frame) or acknowledged. */
  latest(): Promise<LatestRecord[]>;
  /** Keeps the record unless a higher revision under its key is already kept. */
  putLatest(record: LatestRecord): Promise<void>;
  /** The server stored `revision` under `key`: a kept frame not newer than that is dropped. */
  settleLatest(key: string, revision: number): Promise<void>;
  /** The attempt this device's entries belong to, if one was recorded. */
  attempt(): Promise<string | undefined>;
  /**
   * Records the attempt the entries belong to. Entries kept for a different attempt (an earlier
   * sitting never reconnected to) are deleted, so they can never replay into this one; returns
   * whether that happened.
   */
  bindAttempt(attemptId: string): Promise<boolean>;
}
