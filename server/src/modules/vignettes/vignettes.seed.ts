import type { Db } from '../../db/client.js';
import type { DemoVignetteSet } from '../../seed/content/vignettes.js';
import * as vignettesRepo from './vignettes.repo.js';

/** Stores the given sets (the demo's original content); returns their ids in order. */
export async function seedVignetteSets(
  db: Db,
  sets: readonly DemoVignetteSet[],
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
