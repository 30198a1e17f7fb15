import type { RetentionSitting } from '@exam/shared/api';
import { withinScope, type Scope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import { retentionPeriods } from '../auth/index.js';
import { purgeResponses, responseCountsOf } from '../delivery/index.js';
import { releasedBefore } from '../results/index.js';
import { purgePhotosOfSitting } from '../proctoring/index.js';
import { purgeDocumentsOfSitting, sittingsByIds } from '../sittings/index.js';
import * as repo from './retention.repo.js';

/** A sitting the retention period has reached, with the attempts whose responses may go. */
interface DueSitting {
  sittingId: string;
  sittingName: string;
  associationId: string;
  associationName: string;
  retentionYears: number;
  attemptIds: string[];
  latestRelease: string;
}

/** `years` calendar years before `at` (29 February falls back to 28 February). */
export function yearsBefore(at: Date, years: number): Date {
  const before = new Date(at);
  before.setUTCFullYear(before.getUTCFullYear() - years);
  return before;
}

export interface RetentionDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  /** The leader's fence (events/leader.ts); absent: this process always leads (tests). */
  leadership?: { isLeader(): boolean; fence(tx: DbOrTx): Promise<void> };
}

export type RetentionService = ReturnType<typeof createRetentionService>;

/**
 * Each association's retention period: the Part Two responses and the Part One answer history
 * of an attempt whose result was released more than its association's `retention_years` ago
 * are purged; results, scores and the audit log stay. A coordinator or administrator sees the
 * dry run (counts per sitting) and confirms; the leader's scheduled job then purges, audited.
 */
export function createRetentionService(deps: RetentionDeps) {
  const { db, clock, audit } = deps;

  /** The sittings due now (all of them, or of `sittingIds`), by each association's period. */
  async function dueSittings(sittingIds?: readonly string[]): Promise<DueSitting[]> {
    const now = clock.now();
    const periods = new Map((await retentionPeriods(db)).map((p) => [p.associationId, p]));
    if (periods.size === 0) return [];
    const shortest = Math.min(...[...periods.values()].map((p) => p.retentionYears));
    const released = await releasedBefore(db, yearsBefore(now, shortest), sittingIds);
    const sittings = await sittingsByIds(db, [...new Set(released.map((r) => r.sittingId))]);
    const due = new Map<string, DueSitting>();
    for (const attempt of released) {
      const sitting = sittings.get(attempt.sittingId);
      const period = sitting && periods.get(sitting.associationId);
      if (!sitting || !period) continue;
      if (new Date(attempt.releasedAt) >= yearsBefore(now, period.retentionYears)) continue;
      const entry = due.get(attempt.sittingId) ?? {
        sittingId: attempt.sittingId,
        sittingName: sitting.name,
        associationId: sitting.associationId,
        associationName: period.name,
        retentionYears: period.retentionYears,
        attemptIds: [],
        latestRelease: attempt.releasedAt,
      };
      entry.attemptIds.push(attempt.attemptId);
      if (attempt.releasedAt > entry.latestRelease) entry.latestRelease = attempt.releasedAt;
      due.set(attempt.sittingId, entry);
    }
    return [...due.values()].sort((a, b) => a.latestRelease.localeCompare(b.latestRelease));
  }

  const inScope = (scope: Scope, sitting: DueSitting) =>
    scope.kind === 'programme' || scope.associationId === sitting.associationId;

  return {
    /** The dry run: what a purge would remove now, per sitting the scope reaches. */
    async preview(scope: Scope): Promise<RetentionSitting[]> {
      const due = (await dueSittings()).filter((sitting) => inScope(scope, sitting));
      const purges = new Map(
        (
          await repo.purgesOf(
            db,
            due.map((s) => s.sittingId),
          )
        ).map((p) => [p.sittingId, p]),
      );
      const preview: RetentionSitting[] = [];
      for (const sitting of due) {
        const counts = await responseCountsOf(db, sitting.attemptIds);
        const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
        if (total === 0) continue;
        const purge = purges.get(sitting.sittingId);
        preview.push({
          sittingId: sitting.sittingId,
          sittingName: sitting.sittingName,
          associationName: sitting.associationName,
          retentionYears: sitting.retentionYears,
          releasedBefore: sitting.latestRelease,
          attempts: sitting.attemptIds.length,
          ...counts,
          confirmedAt: purge && !purge.purgedAt ? purge.confirmedAt.toISOString() : null,
        });
      }
      return preview;
    },

    /**
     * Confirms the purge of sittings from the dry run; the scheduled job carries it out. A
     * sitting outside the scope or not due answers as not found, and nothing is confirmed.
     */
    async confirm(actorId: string, scope: Scope, sittingIds: readonly string[]): Promise<number> {
      const wanted = [...new Set(sittingIds)];
      const due = (await dueSittings(wanted)).filter((sitting) => inScope(scope, sitting));
      if (due.length !== wanted.length)
        throw new AppError('NOT_FOUND', 'A sitting is not due for a retention purge.');
      const at = clock.now();
      await withinScope(db, scope, async (tx) => {
        await repo.confirm(tx, wanted, actorId, at);
        for (const sitting of due)
          await audit.append(tx, {
            actorId,
            action: 'retention.purge_confirmed',
            subjectType: 'sitting',
            subjectId: sitting.sittingId,
            details: {
              retentionYears: sitting.retentionYears,
              attempts: sitting.attemptIds.length,
            },
          });
      });
      return wanted.length;
    },

    /**
     * The scheduled job (leader only): carries out every confirmed purge, each sitting in its
     * own fenced transaction, re-reading which attempts are due at that moment.
     */
    async runConfirmed(): Promise<{ sittingId: string; purged: Record<string, number> }[]> {
      if (deps.leadership && !deps.leadership.isLeader()) return [];
      const done: { sittingId: string; purged: Record<string, number> }[] = [];
      for (const pending of await repo.pendingPurges(db)) {
        const [sitting] = await dueSittings([pending.sittingId]);
        const attemptIds = sitting?.attemptIds ?? [];
        const purged = await db
          .transaction(async (tx) => {
            await deps.leadership?.fence(tx);
            const counts = {
              attempts: attemptIds.length,
              ...(await purgeResponses(tx, attemptIds)),
              // Accommodation documents and identity photos go with the sitting's responses.
              accommodationDocuments: await purgeDocumentsOfSitting(tx, pending.sittingId),
              checkInPhotos: await purgePhotosOfSitting(tx, pending.sittingId),
            };
            if (!(await repo.markPurged(tx, pending.sittingId, clock.now(), counts)))
              throw new PurgeRaced();
            await audit.append(tx, {
              actorId: null,
              action: 'retention.purged',
              subjectType: 'sitting',
              subjectId: pending.sittingId,
              details: { ...counts, confirmedBy: pending.confirmedBy },
            });
            return counts;
          })
          .catch((error: unknown) => {
            if (error instanceof PurgeRaced) return undefined;
            throw error;
          });
        if (purged) done.push({ sittingId: pending.sittingId, purged });
      }
      return done;
    },
  };
}

/** Another run marked the purge first; this one's deletions roll back with it. */
class PurgeRaced extends Error {}
