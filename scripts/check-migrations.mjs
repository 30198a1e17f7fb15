// `npm run db:check`: fails when the drizzle schema and the committed migrations disagree,
// by generating into a scratch copy of migrations/ and checking nothing new appears.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// drizzle-kit treats --out as relative to the working directory, so the scratch copy lives in the repo.
const scratchName = '.migrations-check';
const scratch = path.join(root, scratchName);
rmSync(scratch, { recursive: true, force: true });
cpSync(path.join(root, 'migrations'), scratch, { recursive: true });
const before = readdirSync(scratch).length;
const snapshotsBefore = readdirSync(path.join(scratch, 'meta')).length;
const result = spawnSync(
  'npx',
  [
    'drizzle-kit',
    'generate',
    '--dialect',
    'postgresql',
    '--schema',
    'server/src/db/schema/index.ts',
    '--out',
    scratchName,
  ],
  { cwd: root, encoding: 'utf8' },
);
const after = readdirSync(scratch).length;
const snapshotsAfter = readdirSync(path.join(scratch, 'meta')).length;
rmSync(scratch, { recursive: true, force: true });
if (result.status !== 0 || /error/i.test(result.stderr)) {
  console.error(result.stdout, result.stderr);
  console.error('drizzle-kit generate failed.');
  process.exit(1);
}
if (after !== before || snapshotsAfter !== snapshotsBefore) {
  console.error(
    'The schema has changes with no committed migration. Run `npm run db:generate` and commit migrations/.',
  );
  process.exit(1);
}
console.log('Schema and committed migrations agree.');
