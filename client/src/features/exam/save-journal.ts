import type { AnswerSave } from '@exam/shared/protocol';

/**
 * Answer saves written to localStorage synchronously, the moment the candidate makes them.
 * The outbox's IndexedDB transaction takes a few milliseconds to commit, and a reload or a
 * closed tab inside them would lose a change the screen already showed as made. An entry
 * stays here until that transaction has committed (or the save is settled), so between the
 * two stores every change made on this device survives the page going away.
 */
export interface SaveJournal {
  add(save: AnswerSave): void;
  remove(seq: number): void;
  entries(): AnswerSave[];
  clear(): void;
}

/** The journal of one candidate's outbox on this device. */
export function localSaveJournal(owner: string): SaveJournal {
  const key = `exam-outbox-journal:${owner}`;
  const read = (): AnswerSave[] => {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isAnswerSave) : [];
    } catch {
      return []; // storage disabled or an unreadable entry: IndexedDB alone holds the saves
    }
  };
  const write = (saves: AnswerSave[]) => {
    try {
      if (saves.length === 0) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(saves));
    } catch {
      // Storage full or disabled: the save still goes to IndexedDB, as before the journal.
    }
  };
  return {
    add: (save) => write([...read().filter((kept) => kept.seq !== save.seq), save]),
    remove: (seq) => {
      const kept = read();
      if (kept.some((save) => save.seq === seq)) write(kept.filter((save) => save.seq !== seq));
    },
    entries: read,
    clear: () => write([]),
  };
}

function isAnswerSave(value: unknown): value is AnswerSave {
  if (typeof value !== 'object' || value === null) return false;
  const save = value as Record<string, unknown>;
  return (
    save.type === 'answer.save' &&
    Number.isSafeInteger(save.seq) &&
    Number.isSafeInteger(save.position) &&
    (save.choice === null || Number.isSafeInteger(save.choice)) &&
    typeof save.flagged === 'boolean' &&
    (save.madeAt === undefined || typeof save.madeAt === 'number')
  );
}
