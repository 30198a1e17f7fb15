import type { MyData } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { authorisationExtensions, entriesAbout, type AuditService } from '../audit/index.js';
import { accountDataOf, retentionPeriods } from '../auth/index.js';
import { bookingDataOf } from '../bookings/index.js';
import { attemptDataOf } from '../delivery/index.js';
import { checkInsOf, incidentsAbout } from '../proctoring/index.js';
import { resultDataOf } from '../results/index.js';
import { retakeRequestsOf } from '../retakes/index.js';
import { accommodationRequestsOf, candidateDataOf, sittingsByIds } from '../sittings/index.js';
import { purgedSittings } from './retention.repo.js';

export type MyDataService = ReturnType<typeof createMyDataService>;

/**
 * Everything the platform holds about one person, gathered through each owning module's read
 * side (auth, sittings, bookings, retakes, delivery, proctoring, results, audit): the download a
 * candidate asks for. Every download is audited.
 */
export function createMyDataService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const { db, clock, audit } = deps;
  return {
    async of(userId: string): Promise<MyData> {
      const account = await accountDataOf(db, userId);
      if (!account) throw new AppError('NOT_FOUND', 'No such account.');
      const [candidate, attempts, results, associations, path, accommodationRequests, retakes] =
        await Promise.all([
          candidateDataOf(db, userId),
          attemptDataOf(db, userId),
          resultDataOf(db, userId),
          retentionPeriods(db),
          bookingDataOf(db, userId),
          accommodationRequestsOf(db, userId),
          retakeRequestsOf(db, userId),
        ]);
      const enrolmentIds = candidate.enrolments.map((e) => e.id);
      const sittingOf = new Map(candidate.enrolments.map((e) => [e.id, e.sittingId]));
      const names = new Map(associations.map((a) => [a.associationId, a.name]));
      const authorisationIds = path.authorisations.map((a) => a.id);
      const [incidents, entries, purged, checkIns, extensions, sittings] = await Promise.all([
        incidentsAbout(db, enrolmentIds),
        entriesAbout(db, {
          userId,
          enrolmentIds,
          attemptIds: attempts.map((a) => a.id),
          authorisationIds,
          bookingIds: path.bookings.map((b) => b.id),
          retakeRequestIds: retakes.map((r) => r.id),
        }),
        purgedSittings(db, [...new Set(sittingOf.values())]),
        checkInsOf(db, enrolmentIds),
        authorisationExtensions(db, authorisationIds),
        sittingsByIds(db, [...new Set([...path.bookings, ...retakes].map((row) => row.sittingId))]),
      ]);
      const sittingName = (id: string) => sittings.get(id)?.name ?? '';
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
        authorisations: path.authorisations.map(({ associationId, ...a }) => ({
          ...a,
          associationName: names.get(associationId) ?? '',
          extensions: extensions
            .filter((e) => e.authorisationId === a.id)
            .map(({ authorisationId: _id, ...e }) => e),
        })),
        bookings: path.bookings.map((b) => ({ ...b, sittingName: sittingName(b.sittingId) })),
        accommodationRequests,
        checkIns,
        retakeRequests: retakes.map((r) => ({ ...r, sittingName: sittingName(r.sittingId) })),
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
