import { openDB, type DBSchema, type IDBPDatabase, type StoreNames } from 'idb';
import type { AnswerSave } from '@exam/shared/protocol';
import type { ChoiceRecord, DraftRecord, LatestRecord, Outbox } from './outbox-contract';
import { answerJournal, draftJournal } from './save-journal';

/*
 * The outbox as it runs in the candidate's browser: IndexedDB, with the localStorage journal
 * (save-journal.ts) covering the milliseconds before each transaction commits. What every
 * outbox promises is in outbox-contract.ts.
 */

interface OutboxSchema extends DBSchema {
  saves: { key: [string, number]; value: { owner: string; save: AnswerSave } };
  meta: { key: string; value: { owner: string; lastSeq: number; attemptId?: string } };
  drafts: { key: [string, number]; value: { owner: string } & DraftRecord };
  choices: { key: string; value: { owner: string } & ChoiceRecord };
  latest: { key: [string, string]; value: { owner: string } & LatestRecord };
}

const DB_NAME = 'exam-outbox';

let dbPromise: Promise<IDBPDatabase<OutboxSchema>> | undefined;
function database(): Promise<IDBPDatabase<OutboxSchema>> {
  dbPromise ??= openDB<OutboxSchema>(DB_NAME, 3, {
    // By the stores present rather than the old version number, so a database someone opened
    // without a version (an empty version 1) still gets every store.
    upgrade(db) {
      const has = (name: StoreNames<OutboxSchema>) => db.objectStoreNames.contains(name);
      if (!has('saves')) db.createObjectStore('saves', { keyPath: ['owner', 'save.seq'] });
      if (!has('meta')) db.createObjectStore('meta', { keyPath: 'owner' });
      if (!has('drafts')) db.createObjectStore('drafts', { keyPath: ['owner', 'vignette'] });
      if (!has('choices')) db.createObjectStore('choices', { keyPath: 'owner' });
      if (!has('latest')) db.createObjectStore('latest', { keyPath: ['owner', 'key'] });
    },
  });
  return dbPromise;
}

/** The outbox of one candidate on this device. */
export function openOutbox(owner: string): Outbox {
  const draftRange = () => IDBKeyRange.bound([owner, 0], [owner, Number.MAX_SAFE_INTEGER]);
  // Every string key of this owner sorts between '' and the highest code unit.
  const latestRange = () => IDBKeyRange.bound([owner, ''], [owner, '\uffff']);
  const journal = answerJournal(owner);
  const draftsJournal = draftJournal(owner);
  return {
    async pending() {
      const db = await database();
      const range = IDBKeyRange.bound([owner, 0], [owner, Number.MAX_SAFE_INTEGER]);
      const stored = (await db.getAll('saves', range)).map((entry) => entry.save);
      const storedSeqs = new Set(stored.map((save) => save.seq));
      const journalled = journal.entries().filter((save) => !storedSeqs.has(save.seq));
      return [...stored, ...journalled].sort((a, b) => a.seq - b.seq);
    },
    async lastSeq() {
      const db = await database();
      const stored = (await db.get('meta', owner))?.lastSeq ?? 0;
      return Math.max(stored, ...journal.entries().map((save) => save.seq));
    },
    journal: (save) => journal.keep(save),
    async put(save) {
      const db = await database();
      const tx = db.transaction(['saves', 'meta'], 'readwrite');
      const meta = tx.objectStore('meta');
      const current = await meta.get(owner);
      await Promise.all([
        tx.objectStore('saves').put({ owner, save }),
        meta.put({ ...current, owner, lastSeq: Math.max(current?.lastSeq ?? 0, save.seq) }),
        tx.done,
      ]);
      journal.release(save.seq, save.seq);
    },
    async remove(seq) {
      journal.release(seq, seq);
      const db = await database();
      await db.delete('saves', [owner, seq]);
    },
    async drafts() {
      const db = await database();
      const byVignette = new Map<number, DraftRecord>();
      for (const { vignette, revision, doc, madeAt } of await db.getAll('drafts', draftRange()))
        byVignette.set(vignette, { vignette, revision, doc, madeAt });
      for (const journalled of draftsJournal.entries()) {
        const stored = byVignette.get(journalled.vignette);
        if (!stored || stored.revision < journalled.revision)
          byVignette.set(journalled.vignette, journalled);
      }
      return [...byVignette.values()];
    },
    journalDraft: (draft) => draftsJournal.keep(draft),
    async putDraft(draft) {
      const db = await database();
      const tx = db.transaction('drafts', 'readwrite');
      const kept = await tx.store.get([owner, draft.vignette]);
      if (!kept || kept.revision < draft.revision) await tx.store.put({ owner, ...draft });
      await tx.done;
      draftsJournal.release(draft.vignette, draft.revision);
    },
    async settleDraft(vignette, revision) {
      draftsJournal.release(vignette, revision);
      const db = await database();
      const tx = db.transaction('drafts', 'readwrite');
      const kept = await tx.store.get([owner, vignette]);
      if (kept && kept.doc !== null && kept.revision <= revision)
        await tx.store.put({ ...kept, doc: null });
      await tx.done;
    },
    async choice() {
      const db = await database();
      const kept = await db.get('choices', owner);
      return kept && { revision: kept.revision, chosen: kept.chosen };
    },
    async putChoice(choice) {
      const db = await database();
      const tx = db.transaction('choices', 'readwrite');
      const kept = await tx.store.get(owner);
      if (!kept || kept.revision < choice.revision) await tx.store.put({ owner, ...choice });
      await tx.done;
    },
    async settleChoice(revision) {
      const db = await database();
      const tx = db.transaction('choices', 'readwrite');
      const kept = await tx.store.get(owner);
      if (kept && kept.chosen !== null && kept.revision <= revision)
        await tx.store.put({ owner, revision: kept.revision, chosen: null });
      await tx.done;
    },
    async latest() {
      const db = await database();
      return (await db.getAll('latest', latestRange())).map(({ key, revision, frame }) => ({
        key,
        revision,
        frame,
      }));
    },
    async putLatest(record) {
      const db = await database();
      const tx = db.transaction('latest', 'readwrite');
      const kept = await tx.store.get([owner, record.key]);
      if (!kept || kept.revision < record.revision) await tx.store.put({ owner, ...record });
      await tx.done;
    },
    async settleLatest(key, revision) {
      const db = await database();
      const tx = db.transaction('latest', 'readwrite');
      const kept = await tx.store.get([owner, key]);
      if (kept && kept.frame !== null && kept.revision <= revision)
        await tx.store.put({ ...kept, frame: null });
      await tx.done;
    },
    async attempt() {
      const db = await database();
      return (await db.get('meta', owner))?.attemptId;
    },
    async bindAttempt(attemptId) {
      const db = await database();
      const tx = db.transaction(['saves', 'meta', 'drafts', 'choices', 'latest'], 'readwrite');
      const meta = await tx.objectStore('meta').get(owner);
      const stale = meta?.attemptId !== undefined && meta.attemptId !== attemptId;
      if (stale) {
        await tx
          .objectStore('saves')
          .delete(IDBKeyRange.bound([owner, 0], [owner, Number.MAX_SAFE_INTEGER]));
        await tx.objectStore('drafts').delete(draftRange());
        await tx.objectStore('choices').delete(owner);
        await tx.objectStore('latest').delete(latestRange());
      }
      await tx
        .objectStore('meta')
        .put({ owner, lastSeq: stale ? 0 : (meta?.lastSeq ?? 0), attemptId });
      await tx.done;
      if (stale) {
        journal.clear();
        draftsJournal.clear();
      }
      return stale;
    },
  };
}
