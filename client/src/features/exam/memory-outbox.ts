import type { AnswerSave } from '@exam/shared/protocol';
import type { ChoiceRecord, DraftRecord, LatestRecord, Outbox } from './outbox-contract';

/** An in-memory outbox, for tests and for browsers without IndexedDB (private modes). */
export function memoryOutbox(): Outbox {
  const saves = new Map<number, AnswerSave>();
  const drafts = new Map<number, DraftRecord>();
  let choice: ChoiceRecord | undefined;
  const latest = new Map<string, LatestRecord>();
  let lastSeq = 0;
  let boundAttempt: string | undefined;
  return {
    pending: async () => [...saves.values()].sort((a, b) => a.seq - b.seq),
    lastSeq: async () => lastSeq,
    // Nothing outlives the page here, so there is nothing to keep ahead of `put`.
    journal: () => undefined,
    put: async (save) => {
      saves.set(save.seq, save);
      lastSeq = Math.max(lastSeq, save.seq);
    },
    remove: async (seq) => {
      saves.delete(seq);
    },
    drafts: async () => [...drafts.values()].map((draft) => ({ ...draft })),
    journalDraft: () => undefined,
    putDraft: async (draft) => {
      const kept = drafts.get(draft.vignette);
      if (!kept || kept.revision < draft.revision) drafts.set(draft.vignette, { ...draft });
    },
    settleDraft: async (vignette, revision) => {
      const kept = drafts.get(vignette);
      if (kept && kept.revision <= revision) drafts.set(vignette, { ...kept, doc: null });
    },
    choice: async () => choice && { ...choice },
    putChoice: async (next) => {
      if (!choice || choice.revision < next.revision) choice = { ...next };
    },
    settleChoice: async (revision) => {
      if (choice && choice.revision <= revision)
        choice = { revision: choice.revision, chosen: null };
    },
    latest: async () => [...latest.values()].map((record) => ({ ...record })),
    putLatest: async (record) => {
      const kept = latest.get(record.key);
      if (!kept || kept.revision < record.revision) latest.set(record.key, { ...record });
    },
    settleLatest: async (key, revision) => {
      const kept = latest.get(key);
      if (kept && kept.revision <= revision) latest.set(key, { ...kept, frame: null });
    },
    attempt: async () => boundAttempt,
    bindAttempt: async (attemptId) => {
      const stale = boundAttempt !== undefined && boundAttempt !== attemptId;
      if (stale) {
        saves.clear();
        drafts.clear();
        choice = undefined;
        latest.clear();
        lastSeq = 0;
      }
      boundAttempt = attemptId;
      return stale;
    },
  };
}
