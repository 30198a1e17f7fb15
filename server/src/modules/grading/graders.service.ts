import type {
  CurrentUser,
  DeclareConflictRequest,
  GraderSummary,
  MyConflictsResponse,
  UpdateGraderRequest,
} from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../auth/index.js';
import * as graderRepo from './graders.repo.js';
import * as itemsRepo from './items.repo.js';
import type { Routing } from './routing.js';
import { associationScope, programmeScope, type Scope } from '../../db/association-scope.js';

export type GradersService = ReturnType<typeof createGradersService>;

/**
 * Whose people a grading set-up view may name: an association's coordinator their own
 * association's, the programme's staff (administrators, psychometricians, graders) everyone's.
 */
export function gradingScopeOf(actor: CurrentUser): Scope {
  if (actor.roles.includes('admin') || !actor.association) return programmeScope;
  return associationScope(actor.association.id);
}

/** What a service that changes the grader pool needs: each change re-runs routing's sweep. */
export interface GraderChangeDeps {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  users: Pick<UsersService, 'list'>;
  routing: Pick<Routing, 'poolChanged'>;
}

/** Qualifications, the adjudicator flag and conflicts of interest; changes re-run routing. */
export function createGradersService(deps: GraderChangeDeps) {
  const { db } = deps;

  async function summaries(scope: Scope): Promise<GraderSummary[]> {
    const [users, rows, conflicts, workload] = await Promise.all([
      deps.users.list(scope),
      graderRepo.listGraderRows(db),
      graderRepo.listConflicts(db),
      itemsRepo.workloadByGrader(db),
    ]);
    const nameByEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.displayName]));
    return users
      .filter((u) => u.roles.includes('grader'))
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .map((u) => {
        const row = rows.find((r) => r.userId === u.id);
        const load = workload.find((w) => w.graderId === u.id);
        return {
          id: u.id,
          displayName: u.displayName,
          email: u.email,
          variants: (row?.variants ?? []) as GraderSummary['variants'],
          adjudicator: row?.adjudicator ?? false,
          // An association's coordinator sees conflicts about its own people only; a conflict
          // about another association's candidate names someone they must not see.
          conflicts: conflicts
            .filter((c) => c.graderId === u.id)
            .filter((c) => scope.kind === 'programme' || nameByEmail.has(c.candidateEmail))
            .map((c) => ({
              candidateEmail: c.candidateEmail,
              candidateName: nameByEmail.get(c.candidateEmail) ?? null,
              reason: c.reason,
              declaredAt: c.declaredAt.toISOString(),
            })),
          workload: {
            assigned: Number(load?.assigned ?? 0),
            submitted: Number(load?.submitted ?? 0),
          },
        };
      });
  }

  async function summaryOf(graderId: string, scope: Scope): Promise<GraderSummary> {
    const found = (await summaries(scope)).find((g) => g.id === graderId);
    if (!found) throw new AppError('NOT_FOUND', 'No grader with that id.', 404);
    return found;
  }

  return {
    list: summaries,
    summaryOf,

    async update(actor: CurrentUser, graderId: string, input: UpdateGraderRequest) {
      await summaryOf(graderId, gradingScopeOf(actor));
      await db.transaction(async (tx) => {
        await graderRepo.upsertGrader(tx, {
          userId: graderId,
          variants: [...input.variants].sort(),
          adjudicator: input.adjudicator,
          updatedAt: deps.clock.now(),
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'grader.qualifications_set',
          subjectType: 'user',
          subjectId: graderId,
          details: { variants: input.variants, adjudicator: input.adjudicator },
        });
      });
      // Responses waiting for a qualified grader can be routed now.
      await deps.routing.poolChanged();
      return summaryOf(graderId, gradingScopeOf(actor));
    },

    /**
     * Records a conflict, declared by the grader or by a coordinator on their behalf. Readings
     * of that candidate the grader has not submitted are taken back and routed to someone else.
     */
    async declareConflict(actor: CurrentUser, graderId: string, input: DeclareConflictRequest) {
      // Readings are taken back only from candidates the declarer may see: a coordinator's
      // declaration about an email of another association still keeps the grader from that
      // candidate's future readings (routing checks conflicts by email), and reveals nothing.
      const candidate = (await deps.users.list(gradingScopeOf(actor))).find(
        (u) => u.email.toLowerCase() === input.candidateEmail && u.roles.includes('candidate'),
      );
      await db.transaction(async (tx) => {
        await graderRepo.upsertConflict(tx, {
          graderId,
          candidateEmail: input.candidateEmail,
          reason: input.reason,
          declaredAt: deps.clock.now(),
          declaredBy: actor.id,
        });
        const withdrawn = candidate
          ? await itemsRepo.releaseOpenReadings(tx, graderId, candidate.id)
          : [];
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'grader.conflict_declared',
          subjectType: 'user',
          subjectId: graderId,
          details: { candidateEmail: input.candidateEmail, withdrawnItems: withdrawn },
        });
      });
      await deps.routing.poolChanged();
    },

    async removeConflict(actor: CurrentUser, graderId: string, candidateEmail: string) {
      const scope = gradingScopeOf(actor);
      if (scope.kind === 'association') {
        const visible = (await deps.users.list(scope)).some(
          (u) => u.email.toLowerCase() === candidateEmail,
        );
        if (!visible) throw new AppError('NOT_FOUND', 'No such conflict.', 404);
      }
      await db.transaction(async (tx) => {
        if (!(await graderRepo.deleteConflict(tx, graderId, candidateEmail)))
          throw new AppError('NOT_FOUND', 'No such conflict.', 404);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'grader.conflict_removed',
          subjectType: 'user',
          subjectId: graderId,
          details: { candidateEmail },
        });
      });
    },

    async myConflicts(graderId: string): Promise<MyConflictsResponse> {
      const rows = await graderRepo.listConflicts(db, [graderId]);
      return {
        conflicts: rows.map((c) => ({
          candidateEmail: c.candidateEmail,
          reason: c.reason,
          declaredAt: c.declaredAt.toISOString(),
        })),
      };
    },
  };
}
