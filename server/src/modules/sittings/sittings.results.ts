import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { passingRuleSchema, type PassingRule } from '@exam/shared/api';
import { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.js';
import { enrolments, sittings } from '../../db/schema/sittings.js';

/** Sitting statuses whose attempts may be graded; 'released' closes grading for good. */
const gradableStatuses = ['open', 'closed'];

export interface SittingForResults {
  id: string;
  name: string;
  status: string;
  cutScore: number;
}

export interface EnrolmentForResults {
  enrolmentId: string;
  sittingId: string;
  candidateId: string;
  examEndorsement: string;
  category: string;
  track: string | null;
}

export type SittingResultsAccess = ReturnType<typeof createSittingResultsAccess>;

/**
 * What grading and results read from sittings, and the one change they make to one: marking it
 * released. The coordinator console owns every other status change.
 */
export function createSittingResultsAccess(deps: { db: Db }) {
  const sittingColumns = {
    id: sittings.id,
    name: sittings.name,
    status: sittings.status,
    cutScore: sittings.cutScore,
  };
  const enrolmentColumns = {
    enrolmentId: enrolments.id,
    sittingId: enrolments.sittingId,
    candidateId: enrolments.candidateId,
    examEndorsement: enrolments.examEndorsement,
    category: enrolments.category,
    track: enrolments.track,
  };

  return {
    listSittings(): Promise<SittingForResults[]> {
      return deps.db
        .select(sittingColumns)
        .from(sittings)
        .where(ne(sittings.status, 'draft'))
        .orderBy(desc(sittings.createdAt));
    },

    async getSitting(db: DbOrTx, id: string): Promise<SittingForResults | undefined> {
      const rows = await db.select(sittingColumns).from(sittings).where(eq(sittings.id, id));
      return rows[0];
    },

    enrolmentsOf(sittingId: string): Promise<EnrolmentForResults[]> {
      return deps.db
        .select(enrolmentColumns)
        .from(enrolments)
        .where(eq(enrolments.sittingId, sittingId));
    },

    async sittingOfEnrolment(enrolmentId: string): Promise<string | undefined> {
      const rows = await deps.db
        .select({ sittingId: enrolments.sittingId })
        .from(enrolments)
        .where(eq(enrolments.id, enrolmentId));
      return rows[0]?.sittingId;
    },

    /** The candidate's enrolments with their sittings' names and statuses. */
    enrolmentsOfCandidate(candidateId: string) {
      return deps.db
        .select({ ...enrolmentColumns, sittingName: sittings.name, sittingStatus: sittings.status })
        .from(enrolments)
        .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
        .where(eq(enrolments.candidateId, candidateId))
        .orderBy(desc(sittings.createdAt));
    },

    /** Enrolments in sittings still being delivered or graded: where closed attempts can wait. */
    gradableEnrolments(): Promise<EnrolmentForResults[]> {
      return deps.db
        .select(enrolmentColumns)
        .from(enrolments)
        .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
        .where(inArray(sittings.status, gradableStatuses));
    },

    /**
     * The Part Two passing rules set on the console with the sitting's policies, per variant;
     * grading uses them until the results page saves rules of its own.
     */
    async partTwoPassingRules(db: DbOrTx, sittingId: string): Promise<Record<string, PassingRule>> {
      const [row] = await db
        .select({ policies: sittings.policies })
        .from(sittings)
        .where(eq(sittings.id, sittingId));
      const parsed = z
        .record(z.string(), passingRuleSchema)
        .safeParse(row?.policies.partTwoPassingRule ?? {});
      return parsed.success ? parsed.data : {};
    },

    /**
     * Names of the sittings open now that use the form: a cut adopted meanwhile would split their
     * candidates. Every sitting using the form is share-locked to the end of the caller's
     * transaction, so none can open until the adoption has committed (it then reads the new cut).
     */
    async openSittingsUsing(tx: DbOrTx, formId: string): Promise<string[]> {
      const rows = await tx
        .select({ name: sittings.name, status: sittings.status })
        .from(sittings)
        .where(sql`${formId} IN (SELECT value FROM jsonb_each_text(${sittings.forms}))`)
        .for('share');
      return rows.filter((r) => r.status === 'open').map((r) => r.name);
    },

    /**
     * Marks the sitting released inside the caller's transaction: the state machine's last move,
     * from closed only (see sitting-status.ts). False if the sitting is not closed.
     */
    async markReleased(tx: DbOrTx, sittingId: string, at: Date): Promise<boolean> {
      const rows = await tx
        .update(sittings)
        .set({ status: 'released', updatedAt: at })
        .where(and(eq(sittings.id, sittingId), eq(sittings.status, 'closed')))
        .returning({ id: sittings.id });
      return rows.length > 0;
    },

    /**
     * The sitting's status, read under a share lock held to the end of the caller's transaction:
     * a change made under it (a feedback edit) and the release (which updates the row) are
     * serialised, so neither lands unseen by the other.
     */
    async lockedStatus(tx: DbOrTx, sittingId: string): Promise<string | undefined> {
      const rows = await tx
        .select({ status: sittings.status })
        .from(sittings)
        .where(eq(sittings.id, sittingId))
        .for('share');
      return rows[0]?.status;
    },
  };
}
