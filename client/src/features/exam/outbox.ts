import { openDB, type DBSchema, type IDBPDatabase, type StoreNames } from 'idb';
import type { AnswerSave, DisplaySet, ToolsSave } from '@exam/shared/protocol';
import { answerJournal, draftJournal } from './save-journal';

/**
 * Unacknowledged changes, persisted in IndexedDB so a reload, a closed tab or a crashed browser
 * loses nothing typed on this device. An entry leaves only when the server acknowledges it
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

interface OutboxSchema extends DBSchema {
  saves: { key: [string, number]; value: { owner: string; save: AnswerSave } };
  meta: { key: string; value: { owner: string; lastSeq: number; attemptId?: string } };
  drafts: { key: [string, number]; value: { owner: string } & DraftRecord };
  choices: { key: string; value: { owner: string } & ChoiceRecord };
  latest: { key: [string, string]; value: { owner: string } & LatestRecord };
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
