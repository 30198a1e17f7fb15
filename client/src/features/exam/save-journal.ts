import type { AnswerSave } from '@exam/shared/protocol';
import type { DraftRecord } from './outbox-contract';

/**
 * Changes written to localStorage synchronously, the moment they are made. The outbox's
 * IndexedDB transaction takes a few milliseconds to commit, and a tab closed (or a reload)
 * inside them would lose a change the screen already showed as made. An entry stays here until
 * that transaction has committed or the change is settled, so between the two stores every
 * change made on this device survives the page going away.
 */
export interface Journal<T> {
  /** Keeps the entry, replacing any kept under the same key. */
  keep(entry: T): void;
  /** Drops the entry under `key` if its version is at most `version` (a newer one stays). */
  release(key: number, version: number): void;
  entries(): T[];
  clear(): void;
}

interface JournalShape<T> {
  isEntry(value: unknown): value is T;
  keyOf(entry: T): number;
  versionOf(entry: T): number;
}

function localJournal<T>(storageKey: string, shape: JournalShape<T>): Journal<T> {
  const read = (): T[] => {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(shape.isEntry) : [];
    } catch {
      return []; // storage disabled or an unreadable entry: IndexedDB alone holds the changes
    }
  };
  const write = (entries: T[]) => {
    try {
      if (entries.length === 0) localStorage.removeItem(storageKey);
      else localStorage.setItem(storageKey, JSON.stringify(entries));
    } catch {
      // Storage full or disabled: the change still goes to IndexedDB, as before the journal.
    }
  };
  return {
    keep: (entry) =>
      write([...read().filter((kept) => shape.keyOf(kept) !== shape.keyOf(entry)), entry]),
    release: (key, version) => {
      const kept = read();
      const rest = kept.filter((e) => shape.keyOf(e) !== key || shape.versionOf(e) > version);
      if (rest.length !== kept.length) write(rest);
    },
    entries: read,
    clear: () => write([]),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const isMadeAt = (value: unknown) => value === undefined || typeof value === 'number';

/** Part One's answer saves, by sequence number. */
export const answerJournal = (owner: string): Journal<AnswerSave> =>
  localJournal(`exam-outbox-journal:${owner}`, {
    isEntry: (value): value is AnswerSave =>
      isRecord(value) &&
      value.type === 'answer.save' &&
      Number.isSafeInteger(value.seq) &&
      Number.isSafeInteger(value.position) &&
      (value.choice === null || Number.isSafeInteger(value.choice)) &&
      typeof value.flagged === 'boolean' &&
      isMadeAt(value.madeAt),
    keyOf: (save) => save.seq,
    versionOf: (save) => save.seq,
  });

/** Part Two's latest draft per vignette, with its revision. */
export const draftJournal = (owner: string): Journal<DraftRecord> =>
  localJournal(`exam-outbox-journal-drafts:${owner}`, {
    isEntry: (value): value is DraftRecord =>
      isRecord(value) &&
      Number.isSafeInteger(value.vignette) &&
      Number.isSafeInteger(value.revision) &&
      value.doc !== undefined &&
      value.doc !== null &&
      isMadeAt(value.madeAt),
    keyOf: (draft) => draft.vignette,
    versionOf: (draft) => draft.revision,
  });
