import type { Db, DbOrTx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { ProgrammeSettings, UsersService } from '../auth/index.js';
import type { DeliveryResults } from '../delivery/index.js';
import { associationOfSitting, type SittingResultsAccess } from '../sittings/index.js';
import { newResponseCode, queueOrderKey } from './codes.js';
import { loadGraderPool, type GraderPool, type PoolGrader } from './grader-pool.js';
import * as itemsRepo from './items.repo.js';
import type { ItemRow } from './items.repo.js';
import * as rubricsRepo from './rubrics.repo.js';
import { serialRuns } from '../../lib/serial-runs.js';
import { topUpSeeds } from './seeds.js';
import { releaseStrandedReadings } from './stranded-readings.js';

export type Routing = ReturnType<typeof createRouting>;

/**
 * Routing: takes closed Part Two attempts in for grading and gives each response to two
 * independent first readers qualified for its variant, and a disagreement to a third reader
 * (an adjudicator). Every step is idempotent, so the event that announces a closed Part Two and
 * the periodic sweep can both run it, and a crash between the two loses nothing.
 */
export function createRouting(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  users: Pick<UsersService, 'list'>;
  programme: Pick<ProgrammeSettings, 'excludeOwnAssociationGraders' | 'associationsOf'>;
  delivery: Pick<DeliveryResults, 'gradableAttempt' | 'closedPartTwoAttempts'>;
  sittings: Pick<
    SittingResultsAccess,
    'gradableEnrolments' | 'sittingOfEnrolment' | 'awaitingResults'
  >;
  /**
   * The leader's epoch check (events/leader.ts), run first in every transaction of the periodic
   * sweep, which is leader work: a leader that lost its lock while paused writes nothing.
   */
  fence?: (tx: DbOrTx) => Promise<void>;
  log: (message: string, details?: Record<string, unknown>) => void;
}) {
  const { db } = deps;
  /** Work started by this instance's own event needs no leadership; the sweep's does. */
  type Fence = ((tx: DbOrTx) => Promise<void>) | undefined;

  const loadPool = () => loadGraderPool(deps);

  /**
   * Graders who may read this item at all: set for its variant and qualified (by a
   * qualification set or a coordinator's decision, not expired) for its rubric version, not the candidate, no declared conflict,
   * and, while the programme's rule is on, no member of the candidate's association (the
   * sitting's). Graders otherwise come from any association: the pool is the programme's.
   */
  async function eligible(
    tx: DbOrTx,
    pool: GraderPool,
    item: ItemRow,
    taken: Set<string>,
  ): Promise<PoolGrader[]> {
    const email = pool.emailOf.get(item.candidateId);
    const own = pool.excludeOwnAssociation
      ? await associationOfSitting(tx, item.sittingId)
      : undefined;
    return pool.graders.filter(
      (g) =>
        g.variants.includes(item.variant) &&
        g.rubrics.has(item.rubricId) &&
        g.id !== item.candidateId &&
        !g.awaitingResults &&
        !taken.has(g.id) &&
        !(email && g.conflicts.has(email)) &&
        !(own && g.associations.has(own)),
    );
  }

  async function assign(
    tx: DbOrTx,
    item: ItemRow,
    chosen: readonly PoolGrader[],
    role: 'reader' | 'adjudicator',
  ) {
    const at = deps.clock.now();
    // The response is pinned to its version from its first reading on (rubric-pins.repo), and
    // what a grader is given to read must not change under them: the version is locked.
    if (chosen.length > 0) await rubricsRepo.markScoringStarted(tx, item.rubricId, at);
    for (const grader of chosen) {
      await itemsRepo.insertAssignment(tx, {
        itemId: item.id,
        graderId: grader.id,
        role,
        orderKey: queueOrderKey(grader.id, item.id),
        assignedAt: at,
      });
      if (role === 'reader') await topUpSeeds(tx, at, grader.id, item.rubricId);
      await deps.audit.append(tx, {
        actorId: null,
        action: 'grading.assigned',
        subjectType: 'grading_item',
        subjectId: item.code,
        details: { graderId: grader.id, role },
      });
    }
  }

  /**
   * Tops an item up to two first readers. Balancing: the least loaded in this sitting first, ties
   * broken by the stable per-grader hash; adjudicators are kept free for third readings and get
   * first readings only when fewer than two other qualified graders are free of conflict.
   */
  async function assignReaders(tx: DbOrTx, item: ItemRow, pool: GraderPool): Promise<void> {
    const existing = await itemsRepo.assignmentsOf(tx, [item.id]);
    const need = 2 - existing.filter((a) => a.role === 'reader').length;
    if (need <= 0) return;
    const load = await itemsRepo.loadBySitting(tx, item.sittingId);
    const ranked = (await eligible(tx, pool, item, new Set(existing.map((a) => a.graderId)))).sort(
      (a, b) =>
        Number(a.adjudicator) - Number(b.adjudicator) ||
        (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) ||
        queueOrderKey(a.id, item.id).localeCompare(queueOrderKey(b.id, item.id)),
    );
    await assign(tx, item, ranked.slice(0, need), 'reader');
  }

  /** Gives an item waiting for adjudication to the least loaded qualified adjudicator. */
  async function assignAdjudicator(tx: DbOrTx, item: ItemRow, pool: GraderPool): Promise<void> {
    const existing = await itemsRepo.assignmentsOf(tx, [item.id]);
    if (existing.some((a) => a.role === 'adjudicator')) return;
    const load = await itemsRepo.loadBySitting(tx, item.sittingId);
    const ranked = (await eligible(tx, pool, item, new Set(existing.map((a) => a.graderId))))
      .filter((g) => g.adjudicator)
      .sort(
        (a, b) =>
          (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) ||
          queueOrderKey(a.id, item.id).localeCompare(queueOrderKey(b.id, item.id)),
      );
    await assign(tx, item, ranked.slice(0, 1), 'adjudicator');
  }

  /** Routes one item as its status asks, under its lock. */
  async function route(itemId: string, pool: GraderPool, fence: Fence): Promise<void> {
    await db.transaction(async (tx) => {
      await fence?.(tx);
      const item = await itemsRepo.lockItem(tx, itemId);
      if (item?.status === 'reading') await assignReaders(tx, item, pool);
      if (item?.status === 'adjudicating') await assignAdjudicator(tx, item, pool);
    });
  }

  /** Takes an attempt's closed Part Two in: one item per gradable response, routed at once. */
  async function intake(attemptId: string, fence?: Fence): Promise<void> {
    const gradable = await deps.delivery.gradableAttempt(attemptId);
    if (!gradable) return;
    const sittingId = await deps.sittings.sittingOfEnrolment(gradable.enrolmentId);
    const rubric = await rubricsRepo.latestRubric(db, gradable.variant);
    if (!sittingId || !rubric) {
      // Left for the sweep: it takes the attempt in once the variant has a rubric.
      deps.log('grading intake waits: no rubric for the variant', { variant: gradable.variant });
      return;
    }
    const pool = await loadPool();
    await db.transaction(async (tx) => {
      await fence?.(tx);
      const at = deps.clock.now();
      const fresh = await itemsRepo.insertIntake(tx, {
        attemptId,
        sittingId,
        required: gradable.required,
        gradable: gradable.vignettes.length,
        takenAt: at,
      });
      if (!fresh) return;
      const codes: string[] = [];
      for (const vignette of gradable.vignettes) {
        let item: ItemRow | undefined;
        // A random code can collide with an existing one; the insert then returns nothing.
        for (let tries = 0; !item && tries < 5; tries += 1) {
          item = await itemsRepo.insertItem(tx, {
            code: newResponseCode(),
            attemptId,
            vignette,
            sittingId,
            candidateId: gradable.candidateId,
            variant: gradable.variant,
            rubricId: rubric.id,
            createdAt: at,
          });
        }
        if (!item) throw new Error('could not allocate a response code');
        codes.push(item.code);
        await assignReaders(tx, item, pool);
      }
      await deps.audit.append(tx, {
        actorId: null,
        action: 'grading.intake',
        subjectType: 'attempt',
        subjectId: attemptId,
        details: { required: gradable.required, codes },
      });
    });
  }

  /**
   * The pool's side of a sweep: readings whose grader can no longer hold them are taken back,
   * then every response short of readers is routed. The pool is loaded at most once.
   */
  async function settle(fence: Fence): Promise<void> {
    let pool: Promise<GraderPool> | undefined;
    const poolNow = () => (pool ??= loadPool());
    await releaseStrandedReadings({ db, audit: deps.audit, pool: poolNow, fence });
    const waiting = await itemsRepo.itemsNeedingGraders(db);
    if (waiting.length === 0) return;
    const loaded = await poolNow();
    for (const item of waiting) await route(item.id, loaded, fence);
  }

  /** The leader's sweep: closed attempts not yet taken in, then `settle`. */
  async function sweep(): Promise<void> {
    const enrolments = await deps.sittings.gradableEnrolments();
    const closed = await deps.delivery.closedPartTwoAttempts(enrolments.map((e) => e.enrolmentId));
    const taken = new Set((await itemsRepo.intakeOf(db, closed)).map((row) => row.attemptId));
    for (const attemptId of closed) if (!taken.has(attemptId)) await intake(attemptId, deps.fence);
    await settle(deps.fence);
  }

  const pending = new Set<Promise<void>>();
  const failed = (error: unknown, what: string) =>
    deps.log(`grading ${what} failed`, {
      error: error instanceof Error ? error.message : String(error),
    });
  function track(work: Promise<void>, what: string): void {
    const guarded = work
      .catch((error: unknown) => failed(error, what))
      .finally(() => pending.delete(guarded));
    pending.add(guarded);
  }

  // Every change to the pool (variants, roles, a qualification, a lifted pause) settles it, and
  // the timer sweeps: work waiting on the pool elsewhere (appeals' reviews) hooks in after both.
  const afterSweep = new Set<() => Promise<void>>();
  async function thenHooks(work: Promise<void>): Promise<void> {
    await work;
    for (const hook of afterSweep) await hook().catch((error: unknown) => failed(error, 'hook'));
  }
  // A pass the timer asked for is the fenced sweep; one a change asked for settles unfenced,
  // after the sweep if both asked and the sweep was refused.
  const passes = serialRuns<'timer' | 'change'>((asked) =>
    thenHooks(
      (async () => {
        if (asked.has('timer')) {
          try {
            return await sweep();
          } catch (error) {
            if (!asked.has('change')) throw error;
            failed(error, 'sweep');
          }
        }
        await settle(undefined);
      })(),
    ),
  );

  return {
    intake: (attemptId: string) => intake(attemptId),
    loadPool,
    assignAdjudicator,
    /** Who may read an item at all (an appeal's review reader is chosen from these). */
    eligible,

    /**
     * The leader's periodic sweep (then the after-sweep hooks), fenced by its epoch: a leader
     * that lost its lock writes nothing and the promise rejects.
     */
    sweep: (): Promise<void> => passes.ask('timer'),

    /**
     * Called after a change to the grader pool commits, on whichever instance took it: takes
     * back stranded readings and routes waiting responses, unfenced (each step is decided
     * under the item's lock, so it is safe beside the leader's). Failures are logged, not
     * thrown: the change stands, and the leader's next sweep finishes the work.
     */
    poolChanged(): Promise<void> {
      return passes.ask('change').catch((error: unknown) => failed(error, 'pool change'));
    },

    /** Runs `hook` after every sweep (failures logged); returns the unsubscribe. */
    afterSweep(hook: () => Promise<void>): () => void {
      afterSweep.add(hook);
      return () => afterSweep.delete(hook);
    },

    /** Called when delivery announces a closed Part Two; failures are logged, the sweep retries. */
    onPartTwoClosed(attemptId: string): void {
      track(intake(attemptId), 'intake');
    },

    /** Resolves once every intake started by an event has finished. */
    async idle(): Promise<void> {
      while (pending.size > 0 || passes.current)
        await Promise.allSettled([...pending, passes.current]);
    },
  };
}
