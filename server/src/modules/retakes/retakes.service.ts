import type {
  CurrentUser,
  EnrolOneResponse,
  MyRetakesResponse,
  RetakeRequestInput,
  RetakeRequestView,
} from '@exam/shared/api';
import type { Category, Endorsement, MentorTrack } from '@exam/shared/domain';
import { associationScope, withinScope, type Scope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import { associationRulesOf, userNamesByIds } from '../auth/index.js';
import {
  candidateProfilesOf,
  sittingsForRetakes,
  upcomingSittingsOf,
  type SittingForRetakes,
  type SittingResultsAccess,
  type SittingsService,
} from '../sittings/index.js';
import { partHistoryOf } from './retake-history.js';
import {
  earliestRetakeDate,
  retakeEligibility,
  type PartHistory,
  type PartNumber,
  type RetakeEligibility,
} from './retake.rules.js';
import * as repo from './retakes.repo.js';
import { presentEligibility, presentRequest } from './retakes.presenters.js';

export type RetakesService = ReturnType<typeof createRetakesService>;

/**
 * Retakes by part: a candidate who passed one part asks to retake the other in a later sitting;
 * the association's rules decide whether they may; a coordinator approves (an enrolment for that
 * part alone) or declines with a reason. Every step is audited.
 */
export function createRetakesService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  sittings: Pick<SittingsService, 'enrolOne'>;
  enrolments: Pick<SittingResultsAccess, 'enrolmentsOfCandidate'>;
}) {
  const { db } = deps;

  async function rulesOf(associationId: string) {
    const rules = (await associationRulesOf(db, [associationId])).get(associationId);
    if (!rules) throw new AppError('NOT_FOUND', 'No such association.', 404);
    return rules;
  }

  /** The exam endorsement the candidate sat last: the retake's form follows it. */
  async function lastEnrolmentOf(candidateId: string) {
    return (await deps.enrolments.enrolmentsOfCandidate(candidateId))[0];
  }

  async function evaluate(
    candidateId: string,
    history: readonly PartHistory[],
    sitting: SittingForRetakes,
    part: PartNumber,
    checkDeadline: boolean,
  ): Promise<RetakeEligibility> {
    const last = await lastEnrolmentOf(candidateId);
    return retakeEligibility({
      history,
      part,
      target: {
        name: sitting.name,
        status: sitting.status,
        startsAt: sitting.startsAt,
        formId: (last && sitting.forms[last.examEndorsement]) ?? null,
        vignetteSetIds: sitting.vignetteSets,
      },
      rules: await rulesOf(sitting.associationId),
      now: deps.clock.now(),
      checkDeadline,
    });
  }

  async function sittingIn(associationId: string, sittingId: string) {
    const sitting = (await sittingsForRetakes(db, [sittingId])).get(sittingId);
    if (!sitting || sitting.associationId !== associationId)
      throw new AppError('NOT_FOUND', 'No such sitting.', 404);
    return sitting;
  }

  async function views(rows: readonly repo.RetakeRequestRow[]): Promise<RetakeRequestView[]> {
    const names = await userNamesByIds(
      db,
      rows.map((r) => r.candidateId),
    );
    const sittings = await sittingsForRetakes(
      db,
      rows.map((r) => r.sittingId),
    );
    const out: RetakeRequestView[] = [];
    for (const row of rows) {
      const sitting = sittings.get(row.sittingId);
      if (!sitting) continue;
      // Read again now: the coordinator decides on today's standing and sees what was seen.
      const history = await partHistoryOf(db, row.candidateId);
      const now = await evaluate(row.candidateId, history, sitting, row.part as PartNumber, false);
      out.push(presentRequest(row, sitting, names.get(row.candidateId)?.displayName ?? '', now));
    }
    return out;
  }

  function associationOf(actor: Pick<CurrentUser, 'association'>): string {
    if (!actor.association) throw new AppError('FORBIDDEN', 'You do not act for an association.');
    return actor.association.id;
  }

  return {
    /** The candidate's standing per part, the sittings they may ask for, and their requests. */
    async mine(actor: CurrentUser): Promise<MyRetakesResponse> {
      const associationId = associationOf(actor);
      const history = await partHistoryOf(db, actor.id);
      const rules = await rulesOf(associationId);
      const parts = ([1, 2] as const).map((part) => {
        const earliest = earliestRetakeDate(history, part, rules);
        return {
          part,
          passReleased: history.some((h) => h.partsSat.includes(part) && h.passed[part]),
          attempts: history.filter((h) => h.partsSat.includes(part)).length,
          earliestRetakeDate: earliest?.toISOString() ?? null,
        };
      });
      const options: MyRetakesResponse['options'] = [];
      const upcoming = await upcomingSittingsOf(db, associationId, deps.clock.now());
      for (const p of parts.filter((x) => x.earliestRetakeDate !== null)) {
        for (const sitting of upcoming) {
          const eligibility = await evaluate(actor.id, history, sitting, p.part, true);
          options.push({
            sittingId: sitting.id,
            sittingName: sitting.name,
            startsAt: sitting.startsAt?.toISOString() ?? null,
            part: p.part,
            eligibility: presentEligibility(eligibility),
          });
        }
      }
      const scope = associationScope(associationId);
      const requests = await views(await repo.requestsOfCandidate(db, scope, actor.id));
      return { parts, options, requests };
    },

    /** The candidate asks; refused with every broken rule named when the rules say no. */
    async request(actor: CurrentUser, input: RetakeRequestInput): Promise<RetakeRequestView> {
      const associationId = associationOf(actor);
      const sitting = await sittingIn(associationId, input.sittingId);
      const history = await partHistoryOf(db, actor.id);
      const eligibility = await evaluate(actor.id, history, sitting, input.part, true);
      if (!eligibility.eligible) {
        throw new AppError(
          'RETAKE_NOT_ELIGIBLE',
          eligibility.problems.map((p) => p.message).join(' '),
          409,
          { problems: eligibility.problems },
        );
      }
      const scope = associationScope(associationId);
      const row = await withinScope(db, scope, async (tx) => {
        const inserted = await repo.insertRequest(tx, {
          associationId,
          candidateId: actor.id,
          sittingId: sitting.id,
          part: input.part,
          eligibility: presentEligibility(eligibility),
          requestedAt: deps.clock.now(),
        });
        if (!inserted)
          throw new AppError('CONFLICT', 'You have already asked to retake this part here.', 409);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'retake.request',
          subjectType: 'retake-request',
          subjectId: inserted.id,
          details: { sittingId: sitting.id, part: input.part },
        });
        return inserted;
      });
      return (await views([row]))[0]!;
    },

    async list(scope: Scope): Promise<RetakeRequestView[]> {
      return views(await repo.listRequests(db, scope));
    },

    /**
     * Approval enrols the candidate for that part alone (the request was in time when made, so
     * the deadline is not checked again; every other rule is). The warning of seen content is
     * kept in the audit entry with the decision.
     */
    async approve(actor: CurrentUser, scope: Scope, id: string): Promise<RetakeRequestView> {
      const found = (await repo.listRequests(db, scope)).find((r) => r.id === id);
      if (!found) throw new AppError('NOT_FOUND', 'No such retake request.', 404);
      if (found.status !== 'requested')
        throw new AppError('CONFLICT', `This request is ${found.status} already.`, 409);
      const sitting = await sittingIn(found.associationId, found.sittingId);
      const history = await partHistoryOf(db, found.candidateId);
      const part = found.part as PartNumber;
      const eligibility = await evaluate(found.candidateId, history, sitting, part, false);
      if (!eligibility.eligible) {
        throw new AppError(
          'RETAKE_NOT_ELIGIBLE',
          eligibility.problems.map((p) => p.message).join(' '),
          409,
          { problems: eligibility.problems },
        );
      }
      const [profile] = await candidateProfilesOf(db, [found.candidateId]);
      const last = await lastEnrolmentOf(found.candidateId);
      if (!profile || !last)
        throw new AppError('NO_PROFILE', 'The candidate has no endorsement profile.', 409);
      const decided: { row?: repo.RetakeRequestRow } = {};
      // The request is decided in the enrolment's own transaction: a decline that wins the race
      // rolls the enrolment back with it, so no declined request leaves its candidate enrolled.
      const decideInEnrolment = async (tx: DbOrTx, enrolled: EnrolOneResponse) => {
        // An existing candidate of this association is enrolled at once (only new addresses
        // are invited instead), so an approval always has its enrolment.
        const enrolment = enrolled.enrolment;
        if (!enrolment) throw new AppError('INTERNAL', 'The retake enrolment was not made.', 500);
        const locked = await repo.lockRequest(tx, scope, id);
        if (locked?.status !== 'requested')
          throw new AppError('CONFLICT', 'This request was decided meanwhile.', 409);
        decided.row = await repo.decideRequest(tx, scope, id, {
          status: 'approved',
          decidedAt: deps.clock.now(),
          decidedBy: actor.id,
          enrolmentId: enrolment.id,
          eligibility: presentEligibility(eligibility),
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'retake.approve',
          subjectType: 'retake-request',
          subjectId: id,
          details: { enrolmentId: enrolment.id, part, seen: eligibility.seen },
        });
      };
      await deps.sittings.enrolOne(
        actor,
        scope,
        sitting.id,
        {
          candidate: { kind: 'existing', candidateId: found.candidateId },
          endorsement: profile.endorsement as Endorsement,
          category: profile.category as Category,
          track: profile.track as MentorTrack | null,
          examEndorsement: last.examEndorsement as 'IMH-E' | 'ECMH-E',
          parts: [part],
        },
        decideInEnrolment,
      );
      if (!decided.row) throw new AppError('INTERNAL', 'The retake request was not decided.', 500);
      return (await views([decided.row]))[0]!;
    },

    async decline(
      actor: CurrentUser,
      scope: Scope,
      id: string,
      reason: string,
    ): Promise<RetakeRequestView> {
      const row = await withinScope(db, scope, async (tx) => {
        const locked = await repo.lockRequest(tx, scope, id);
        if (!locked) throw new AppError('NOT_FOUND', 'No such retake request.', 404);
        if (locked.status !== 'requested')
          throw new AppError('CONFLICT', `This request is ${locked.status} already.`, 409);
        const decided = await repo.decideRequest(tx, scope, id, {
          status: 'declined',
          decidedAt: deps.clock.now(),
          decidedBy: actor.id,
          declineReason: reason,
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'retake.decline',
          subjectType: 'retake-request',
          subjectId: id,
          details: { reason },
        });
        return decided;
      });
      return (await views([row]))[0]!;
    },

    /** The first date the candidate may sit a retake of `part`, or null when none is open to them. */
    async earliestRetakeDate(candidateId: string, part: PartNumber): Promise<Date | null> {
      const last = await lastEnrolmentOf(candidateId);
      if (!last) return null;
      const associationId = (await sittingsForRetakes(db, [last.sittingId])).get(
        last.sittingId,
      )?.associationId;
      if (!associationId) return null;
      return earliestRetakeDate(
        await partHistoryOf(db, candidateId),
        part,
        await rulesOf(associationId),
      );
    },
  };
}
