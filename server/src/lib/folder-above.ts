import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The nearest `folder` above `start` (or in it) that holds `marker`. Files the server reads at
 * run time (migrations, fonts) sit at fixed places in the repository, and the code runs from
 * server/src/... under tsx and from server/dist/ once bundled: walking up finds them from both.
 */
export function folderAbove(start: string, folder: string, marker: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, folder);
    if (existsSync(path.join(candidate, marker))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no ${folder}/${marker} above ${start}`);
  }
}
