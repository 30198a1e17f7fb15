import type { Db } from '../db/client.js';
import { importVignetteSets } from '../modules/vignettes/index.js';
import { demoVignetteSets, type DemoVignetteSet } from './content/vignettes.js';

/** Stores the demo's vignette sets (or the given ones); returns their ids in order. */
export async function seedVignetteSets(
  db: Db,
  sets: readonly DemoVignetteSet[] = demoVignetteSets,
): Promise<string[]> {
  return importVignetteSets(db, sets);
}
