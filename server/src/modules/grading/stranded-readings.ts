import type { Db, DbOrTx } from '../../db/client.js';
import type { AuditService } from '../audit/index.js';
import type { GraderPool, PoolGrader } from './grader-pool.js';
import * as itemsRepo from './items.repo.js';
import { deleteUnsubmitted, heldReadings, type OpenReading } from './open-readings.repo.js';

/** Why a held reading can no longer stay with its grader; undefined while it can. */
function strandedBecause(holder: PoolGrader | undefined, reading: OpenReading) {
  // Out of the pool: the grader role taken away, the account disabled, or paused for drift.
  if (!holder) return 'grader no longer in the pool';
  if (!holder.variants.includes(reading.variant)) return `no longer grades ${reading.variant}`;
  if (reading.role === 'adjudicator' && !holder.adjudicator) return 'no longer a third reader';
  if (holder.awaitingResults) return 'enrolled as a candidate, results not released';
  return undefined;
}

/**
 * Takes back every unsubmitted reading whose grader may no longer hold it, so a response is
 * never left waiting on someone who cannot score it (a grader who left, or whose variants
 * changed); routing then gives it to another reader, and an appeal's review waits for one.
 * Qualification is not checked here: a held response keeps the rubric version it was given
 * with (rubric-pins.repo), on which its grader was qualified then, so a new version takes no
 * reading from anyone. Each release is audited with the reason; returns the codes.
 */
export async function releaseStrandedReadings(deps: {
  db: Db;
  audit: Pick<AuditService, 'append'>;
  /** Loaded only when some reading is held. */
  pool: () => Promise<GraderPool>;
  fence: ((tx: DbOrTx) => Promise<void>) | undefined;
}): Promise<string[]> {
  const held = await heldReadings(deps.db);
  if (held.length === 0) return [];
  const holders = new Map((await deps.pool()).graders.map((g) => [g.id, g]));
  const stranded = held.flatMap((reading) => {
    const reason = strandedBecause(holders.get(reading.graderId), reading);
    return reason ? [{ reading, reason }] : [];
  });
  const released: string[] = [];
  for (const { reading, reason } of stranded) {
    await deps.db.transaction(async (tx) => {
      await deps.fence?.(tx);
      // Under the item's lock, as every decision about a response's readings is taken.
      await itemsRepo.lockItem(tx, reading.itemId);
      if (!(await deleteUnsubmitted(tx, reading.id))) return;
      await deps.audit.append(tx, {
        actorId: null,
        action: 'grading.reading_withdrawn',
        subjectType: 'grading_item',
        subjectId: reading.code,
        details: { graderId: reading.graderId, role: reading.role, status: reading.status, reason },
      });
      released.push(reading.code);
    });
  }
  return released;
}
