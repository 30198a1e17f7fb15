import type { Variant } from '@exam/shared/domain';
import type { Db, DbOrTx } from '../../db/client.js';
import { createFreshReads } from '../../lib/recent-reads.js';
import * as vignettesRepo from './vignettes.repo.js';

export interface VignetteSetWithVignettes {
  id: string;
  slug: string;
  title: string;
  variant: string;
  endorsement: string | null;
  audience: string;
  requiredCount: number;
  instructions: string;
  vignettes: {
    id: string;
    position: number;
    title: string;
    caseText: string[];
    prompts: string[];
    domains: string[];
  }[];
}

export type VignettesService = ReturnType<typeof createVignettesService>;

/**
 * How long a sitting's sets, read when one candidate's attempt is created, serve the next ones.
 * When a sitting opens, every candidate's new attempt resolves its set: one read each, of rows
 * that cannot change meanwhile in any way that matters here (a set shown in an opened sitting is
 * locked against edits, and one an upcoming sitting uses cannot be retired: authoring refuses).
 */
const SETS_FRESH_MS = 5_000;

/** Vignette sets: which one a candidate answers, and their content. */
export function createVignettesService(deps: { db: Db }) {
  const recentSets = createFreshReads<vignettesRepo.VignetteSetRow[]>(SETS_FRESH_MS);

  function setsOf(ids: readonly string[], db: DbOrTx) {
    // Inside a transaction the caller reads its own snapshot.
    if (db !== deps.db) return vignettesRepo.findSets(db, ids);
    const key = [...ids].sort().join(',');
    return recentSets.read(key, performance.now(), () => vignettesRepo.findSets(db, ids));
  }

  return {
    /**
     * The set among a sitting's sets for this candidate: same variant, written for their audience
     * (Mentors answer as leaders), and for their endorsement or for both. Undefined when none fits.
     */
    async resolveSet(
      sittingSetIds: readonly string[],
      candidate: { variant: Variant; mentor: boolean; endorsement: string },
      // A caller inside a transaction passes it: on PGlite a query outside would wait forever.
      db: DbOrTx = deps.db,
    ): Promise<string | undefined> {
      const sets = await setsOf(sittingSetIds, db);
      const audience = candidate.mentor ? 'mentor' : 'specialist';
      const fits = sets.filter(
        (set) =>
          set.status === 'active' &&
          set.variant === candidate.variant &&
          set.audience === audience &&
          (set.endorsement === null || set.endorsement === candidate.endorsement),
      );
      // A set written for the endorsement beats one written for both.
      fits.sort((a, b) => Number(b.endorsement !== null) - Number(a.endorsement !== null));
      return fits[0]?.id;
    },

    async getSet(id: string): Promise<VignetteSetWithVignettes | undefined> {
      const set = await vignettesRepo.findSet(deps.db, id);
      if (!set) return undefined;
      const items = await vignettesRepo.vignettesOf(deps.db, id);
      return {
        id: set.id,
        slug: set.slug,
        title: set.title,
        variant: set.variant,
        endorsement: set.endorsement,
        audience: set.audience,
        requiredCount: set.requiredCount,
        instructions: set.instructions,
        vignettes: items.map((v) => ({
          id: v.id,
          position: v.position,
          title: v.title,
          caseText: v.caseText,
          prompts: v.prompts,
          domains: v.domains,
        })),
      };
    },

    async listSets() {
      return vignettesRepo.listSets(deps.db);
    },
  };
}
