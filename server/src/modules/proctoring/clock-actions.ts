import type { CurrentUser } from '@exam/shared/api';
import type { ProctorCandidate } from '@exam/shared/protocol';
import { withinScope } from '../../db/association-scope.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { scopeOf } from '../../lib/request-actor.js';
import type { AfterCommit, AttemptContext, DeliveryService } from '../delivery/index.js';
import type { RosterEntry } from '../sittings/index.js';
import type { DisconnectCredits } from './disconnect-credits.js';
import type { Cause, IncidentLedger, IncidentLink } from './incident-ledger.js';
import type { createProctorClock } from './proctor-clock.js';

type Actor = Pick<CurrentUser, 'id' | 'roles' | 'association'>;

const closed = new Set(['submitted', 'expired', 'ended']);

/**
 * A proctor's actions on one candidate's clock: pause, resume, extra time, ending the exam and
 * crediting a disconnect. Each is first checked on the cached copy of the clock (a clear
 * refusal, nothing written), then done all or nothing (`actOn`). Part of the proctoring
 * service (proctoring.service.ts).
 */
export function createClockActions(deps: {
  db: Db;
  delivery: Pick<DeliveryService, 'clockOf' | 'recordClockEventIn' | 'closePartsIn'>;
  credits: Pick<DisconnectCredits, 'creditable' | 'creditIn'>;
  incidents: Pick<IncidentLedger, 'causeFor' | 'withCause' | 'publish'>;
  candidateFor(actor: Actor, enrolmentId: string): Promise<RosterEntry>;
  proctorClock: Pick<
    ReturnType<typeof createProctorClock>,
    'attemptOf' | 'currentClock' | 'acting'
  >;
  /** The candidate's dashboard row, pushed to every dashboard and returned. */
  rowOf(entry: RosterEntry): Promise<ProctorCandidate>;
}) {
  const { db, delivery, incidents, candidateFor, rowOf } = deps;
  const { attemptOf, currentClock, acting } = deps.proctorClock;

  /**
   * One action, all or nothing: the incident its reason records (when it links none), its
   * `effect` and their audit entries commit in one transaction behind the actor's row-level
   * security; a refusal under the part's lock (the clock changed or the part closed meanwhile)
   * or a failure leaves none of them. Only after the commit do the candidate's screen, the
   * incident's dashboards and the candidate's row hear of it.
   */
  async function actOn(
    actor: Actor,
    entry: RosterEntry,
    context: AttemptContext,
    link: IncidentLink,
    effect: (tx: Tx, cause: Cause) => Promise<AfterCommit<unknown>>,
  ): Promise<ProctorCandidate> {
    const pending = await incidents.causeFor(entry.sittingId, entry.enrolmentId, link);
    const { cause, result: after } = await acting(context, () =>
      withinScope(db, scopeOf(actor), (tx) =>
        incidents.withCause(tx, actor.id, pending, (cause) => effect(tx, cause)),
      ),
    );
    await after();
    await incidents.publish(entry.sittingId, cause.incidentId);
    return rowOf(entry);
  }

  /** One candidate's pause or resume of the part under way, linked to its incident. */
  async function pauseOne(
    actor: Actor,
    enrolmentId: string,
    pause: boolean,
    link: IncidentLink,
  ): Promise<ProctorCandidate> {
    const entry = await candidateFor(actor, enrolmentId);
    const context = await attemptOf(entry);
    const { part, clock } = currentClock(context);
    const expect = pause ? 'running' : 'paused';
    if (clock.status !== expect) {
      throw pause
        ? new AppError('NOT_RUNNING', `${entry.name}'s clock is not running.`, 409)
        : new AppError('NOT_PAUSED', `${entry.name}'s clock is not paused.`, 409);
    }
    try {
      return await actOn(actor, entry, context, link, (tx, cause) =>
        delivery.recordClockEventIn(tx, context, part, {
          type: pause ? 'pause' : 'resume',
          ...cause,
          actorId: actor.id,
          expect,
        }),
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT')
        throw new AppError('CONFLICT', `${entry.name}'s clock changed meanwhile; try again.`, 409);
      throw error;
    }
  }

  return {
    pause: (actor: Actor, enrolmentId: string, link: IncidentLink) =>
      pauseOne(actor, enrolmentId, true, link),

    resume: (actor: Actor, enrolmentId: string, link: IncidentLink) =>
      pauseOne(actor, enrolmentId, false, link),

    async extend(
      actor: Actor,
      enrolmentId: string,
      minutes: number,
      link: IncidentLink,
    ): Promise<ProctorCandidate> {
      const entry = await candidateFor(actor, enrolmentId);
      const context = await attemptOf(entry);
      const { part, clock } = currentClock(context);
      if (closed.has(clock.status))
        throw new AppError('PART_CLOSED', `${entry.name}'s exam is closed.`, 409);
      return actOn(actor, entry, context, link, (tx, cause) =>
        delivery.recordClockEventIn(tx, context, part, {
          type: 'extend',
          ms: minutes * 60_000,
          ...cause,
          actorId: actor.id,
        }),
      );
    },

    /** Ends every part still open, so the candidate cannot go on to Part Two afterwards. */
    async end(actor: Actor, enrolmentId: string, link: IncidentLink): Promise<ProctorCandidate> {
      const entry = await candidateFor(actor, enrolmentId);
      const context = await attemptOf(entry);
      const open = ([1, 2] as const).filter(
        (p) => !closed.has(delivery.clockOf(context, p).status),
      );
      const alreadyClosed = () =>
        new AppError('PART_CLOSED', `${entry.name}'s exam is already closed.`, 409);
      if (open.length === 0) throw alreadyClosed();
      return actOn(actor, entry, context, link, async (tx, { reason, incidentId }) => {
        const ended = await delivery.closePartsIn(tx, context, open, {
          status: 'ended',
          reason,
          actorId: actor.id,
          incidentId,
        });
        // Every part closed meanwhile (submitted, or swept on another instance): nothing ended.
        if (ended.closed.length === 0) throw alreadyClosed();
        return ended.after;
      });
    },

    async creditDisconnect(
      actor: Actor,
      enrolmentId: string,
      disconnectId: number,
      link: IncidentLink,
    ): Promise<ProctorCandidate> {
      const entry = await candidateFor(actor, enrolmentId);
      const context = await attemptOf(entry);
      const credit = await deps.credits.creditable(context, disconnectId);
      return actOn(actor, entry, context, link, (tx, cause) =>
        deps.credits.creditIn(tx, context, credit, cause, actor.id),
      );
    },
  };
}
