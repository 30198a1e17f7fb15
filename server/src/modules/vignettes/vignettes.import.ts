import type { CompetencyDomain, ExamEndorsement, Variant } from '@exam/shared/domain';
import type { Db } from '../../db/client.js';
import * as vignettesRepo from './vignettes.repo.js';

/** One vignette set to import, with its vignettes in the order candidates see them. */
export interface VignetteSetImport {
  /** A stable slug the set keeps. */
  id: string;
  title: string;
  variant: Variant;
  endorsement: ExamEndorsement | null;
  audience: 'specialist' | 'mentor';
  requiredCount: number;
  instructions: string;
  vignettes: readonly {
    id: string;
    title: string;
    caseText: readonly string[];
    prompts: readonly string[];
    domains: readonly CompetencyDomain[];
  }[];
}

/**
 * Stores whole vignette sets in one transaction and returns their ids in order. For content
 * loaded at first start (the demo, a load bench); authoring goes through vignette-authoring.
 */
export async function importVignetteSets(
  db: Db,
  sets: readonly VignetteSetImport[],
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const set of sets) {
      const row = await vignettesRepo.insertSet(
        tx,
        {
          slug: set.id,
          title: set.title,
          variant: set.variant,
          endorsement: set.endorsement,
          audience: set.audience,
          requiredCount: set.requiredCount,
          instructions: set.instructions,
        },
        set.vignettes.map((v, index) => ({
          position: index + 1,
          slug: v.id,
          title: v.title,
          caseText: [...v.caseText],
          prompts: [...v.prompts],
          domains: [...v.domains],
        })),
      );
      ids.push(row.id);
    }
    return ids;
  });
}
