import type { DbOrTx } from '../../db/client.js';
import { enqueueSittingNotices, type SittingNoticeDeps } from './sitting-notices.js';
import { enrolmentsStartingBetween } from './sitting-notices.repo.js';
import type { SittingsDeps } from './sittings.deps.js';

const DAY_MS = 24 * 3600_000;

export interface ReminderDeps extends Pick<SittingsDeps, 'db' | 'clock' | 'users' | 'outbox'> {
  publicOrigin?: string;
  /** Only the leader reminds; absent: always (tests, one instance). */
  leadership?: { isLeader(): boolean };
}

/**
 * The 24-hour reminder: every enrolment whose scheduled sitting starts within the next day gets
 * `sitting-reminder` once. The dedupe key (enrolment and start) makes a second run, a second
 * scheduler or a retry enqueue nothing more; a moved sitting gets a new reminder for its new time.
 */
export function createSittingReminders(deps: ReminderDeps) {
  const notices: SittingNoticeDeps = {
    outbox: deps.outbox,
    publicOrigin: deps.publicOrigin,
    contactsOf: (db: DbOrTx, ids) => deps.users.mailContactsOf(db, ids),
  };
  return {
    /** Enqueues what is due; returns how many reminders were new. */
    async runDue(): Promise<number> {
      if (!deps.outbox) return 0;
      if (deps.leadership && !deps.leadership.isLeader()) return 0;
      const now = deps.clock.now();
      const due = await enrolmentsStartingBetween(deps.db, now, new Date(now.getTime() + DAY_MS));
      let queued = 0;
      for (const { sitting, enrolment } of due) {
        // One transaction per mail: one bad address never holds back the others.
        queued += await deps.db.transaction((tx) =>
          enqueueSittingNotices(notices, tx, sitting, [enrolment], { kind: 'sitting-reminder' }),
        );
      }
      return queued;
    },
  };
}
