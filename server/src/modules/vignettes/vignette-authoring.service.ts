import { randomBytes } from 'node:crypto';
import type {
  CurrentUser,
  VignetteSetDetail,
  VignetteSetInput,
  VignetteSetSummary,
} from '@exam/shared/api';
import type { CompetencyDomain, ExamEndorsement, Variant } from '@exam/shared/domain';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { AuditService } from '../audit/index.js';
import * as vignettesRepo from './vignettes.repo.js';

/**
 * What the sittings module knows about a set's use. Sittings depends on vignettes, so app.ts
 * hands this in rather than vignettes importing sittings.
 */
export interface VignetteSetUsage {
  /** Sets shown to candidates (their sitting opened): their content is fixed for grading. */
  lockedVignetteSetIds(db?: DbOrTx): Promise<Set<string>>;
  /** Scheduled or open sittings that still resolve the set for candidates. */
  upcomingSittingsUsing(setId: string, db?: DbOrTx): Promise<{ id: string; name: string }[]>;
}

export type VignetteAuthoring = ReturnType<typeof createVignetteAuthoring>;

function slugOf(title: string): string {
  const base = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `${base || 'set'}-${randomBytes(3).toString('hex')}`;
}

function rowsOf(setSlug: string, input: VignetteSetInput) {
  const suffix = randomBytes(2).toString('hex');
  return input.vignettes.map((v, index) => ({
    position: index + 1,
    slug: `${setSlug}-v${index + 1}-${suffix}`,
    title: v.title,
    caseText: v.caseText,
    prompts: v.prompts,
    domains: v.domains,
  }));
}

/** Writing vignette sets on the coordinator console; every change audited. */
export function createVignetteAuthoring(deps: {
  db: Db;
  audit: Pick<AuditService, 'append'>;
  usage: VignetteSetUsage;
}) {
  const { db } = deps;

  async function detail(tx: DbOrTx, id: string, locked: boolean): Promise<VignetteSetDetail> {
    const set = await vignettesRepo.findSet(tx, id);
    if (!set) throw new AppError('NOT_FOUND', 'No such vignette set.', 404);
    const items = await vignettesRepo.vignettesOf(tx, id);
    return {
      id: set.id,
      title: set.title,
      variant: set.variant as Variant,
      endorsement: set.endorsement as ExamEndorsement | null,
      audience: set.audience as 'specialist' | 'mentor',
      requiredCount: set.requiredCount,
      status: set.status as 'active' | 'retired',
      vignetteCount: items.length,
      locked,
      instructions: set.instructions,
      vignettes: items.map((v) => ({
        id: v.id,
        position: v.position,
        title: v.title,
        caseText: v.caseText,
        prompts: v.prompts,
        domains: v.domains as CompetencyDomain[],
      })),
    };
  }

  async function lockEditable(tx: DbOrTx, id: string) {
    const set = await vignettesRepo.lockSet(tx, id);
    if (!set) throw new AppError('NOT_FOUND', 'No such vignette set.', 404);
    return set;
  }

  async function setStatus(actor: CurrentUser, id: string, status: 'active' | 'retired') {
    return db.transaction(async (tx) => {
      await lockEditable(tx, id);
      if (status === 'retired') {
        const upcoming = await deps.usage.upcomingSittingsUsing(id, tx);
        if (upcoming.length > 0) {
          throw new AppError(
            'VIGNETTE_SET_IN_USE',
            `Candidates of ${upcoming.map((s) => `"${s.name}"`).join(', ')} still need this set; take it out of those sittings first.`,
            409,
          );
        }
      }
      await vignettesRepo.updateSet(tx, id, { status });
      await deps.audit.append(tx, {
        actorId: actor.id,
        action: status === 'retired' ? 'vignette_set.retire' : 'vignette_set.restore',
        subjectType: 'vignette_set',
        subjectId: id,
      });
      return detail(tx, id, (await deps.usage.lockedVignetteSetIds(tx)).has(id));
    });
  }

  return {
    async listSetSummaries(): Promise<VignetteSetSummary[]> {
      const [sets, counts, locked] = await Promise.all([
        vignettesRepo.listSets(db),
        vignettesRepo.vignetteCounts(db),
        deps.usage.lockedVignetteSetIds(),
      ]);
      return sets.map((set) => ({
        id: set.id,
        title: set.title,
        variant: set.variant as Variant,
        endorsement: set.endorsement as ExamEndorsement | null,
        audience: set.audience as 'specialist' | 'mentor',
        requiredCount: set.requiredCount,
        status: set.status as 'active' | 'retired',
        vignetteCount: counts.get(set.id) ?? 0,
        locked: locked.has(set.id),
      }));
    },

    async getSetDetail(id: string): Promise<VignetteSetDetail> {
      return detail(db, id, (await deps.usage.lockedVignetteSetIds()).has(id));
    },

    async createSet(actor: CurrentUser, input: VignetteSetInput): Promise<VignetteSetDetail> {
      return db.transaction(async (tx) => {
        const slug = slugOf(input.title);
        const row = await vignettesRepo.insertSet(
          tx,
          {
            slug,
            title: input.title,
            variant: input.variant,
            endorsement: input.endorsement,
            audience: input.audience,
            requiredCount: input.requiredCount,
            instructions: input.instructions,
          },
          rowsOf(slug, input),
        );
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'vignette_set.create',
          subjectType: 'vignette_set',
          subjectId: row.id,
          details: { title: input.title, vignettes: input.vignettes.length },
        });
        return detail(tx, row.id, false);
      });
    },

    /** Rewrites a set no candidate has seen; a set shown in an opened sitting is copied instead. */
    async updateSet(
      actor: CurrentUser,
      id: string,
      input: VignetteSetInput,
    ): Promise<VignetteSetDetail> {
      return db.transaction(async (tx) => {
        const set = await lockEditable(tx, id);
        if ((await deps.usage.lockedVignetteSetIds(tx)).has(id)) {
          throw new AppError(
            'VIGNETTE_SET_LOCKED',
            'Candidates have been shown this set, so it cannot change; make a copy and edit that.',
            409,
          );
        }
        await vignettesRepo.updateSet(tx, id, {
          title: input.title,
          variant: input.variant,
          endorsement: input.endorsement,
          audience: input.audience,
          requiredCount: input.requiredCount,
          instructions: input.instructions,
        });
        await vignettesRepo.replaceVignettes(tx, id, rowsOf(set.slug, input));
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'vignette_set.update',
          subjectType: 'vignette_set',
          subjectId: id,
          details: { title: input.title, vignettes: input.vignettes.length },
        });
        return detail(tx, id, false);
      });
    },

    retireSet: (actor: CurrentUser, id: string) => setStatus(actor, id, 'retired'),
    restoreSet: (actor: CurrentUser, id: string) => setStatus(actor, id, 'active'),
  };
}
