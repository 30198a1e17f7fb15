import type { MyData } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { entriesAbout, type AuditService } from '../audit/index.js';
import { accountDataOf, retentionPeriods } from '../auth/index.js';
import { attemptDataOf } from '../delivery/index.js';
import { incidentsAbout } from '../proctoring/index.js';
import { resultDataOf } from '../results/index.js';
import { candidateDataOf } from '../sittings/index.js';
import { purgedSittings } from './retention.repo.js';

export type MyDataService = ReturnType<typeof createMyDataService>;

/**
 * Everything the platform holds about one person, gathered through each owning module's read
 * side (auth, sittings, delivery, proctoring, results, audit): the download a candidate asks for.
 * Every download is audited.
 */
export function createMyDataService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const { db, clock, audit } = deps;
  return {
    async of(userId: string): Promise<MyData> {
      const account = await accountDataOf(db, userId);
      if (!account) throw new AppError('NOT_FOUND', 'No such account.');
      const [candidate, attempts, results, associations] = await Promise.all([
        candidateDataOf(db, userId),
        attemptDataOf(db, userId),
        resultDataOf(db, userId),
        retentionPeriods(db),
      ]);
      const enrolmentIds = candidate.enrolments.map((e) => e.id);
      const sittingOf = new Map(candidate.enrolments.map((e) => [e.id, e.sittingId]));
      const names = new Map(associations.map((a) => [a.associationId, a.name]));
      const [incidents, entries, purged] = await Promise.all([
        incidentsAbout(db, enrolmentIds),
        entriesAbout(db, { userId, enrolmentIds, attemptIds: attempts.map((a) => a.id) }),
        purgedSittings(db, [...new Set(sittingOf.values())]),
      ]);
      const generatedAt = clock.now();
      await audit.appendNow(db, {
        actorId: userId,
        action: 'privacy.data_exported',
        subjectType: 'user',
        subjectId: userId,
        details: { attempts: attempts.length, results: results.results.length },
      });
      return {
        generatedAt: generatedAt.toISOString(),
        ...account,
        profile: candidate.profile,
        enrolments: candidate.enrolments.map(({ associationId, ...e }) => ({
          ...e,
          associationName: names.get(associationId) ?? '',
        })),
        attempts: attempts.map((attempt) => ({
          ...attempt,
          responsesPurged: purged.has(sittingOf.get(attempt.enrolmentId) ?? ''),
        })),
        incidents,
        ...results,
        audit: entries,
      };
    },
  };
}
