// `npm run build` (server half): bundles each server entry point with esbuild into server/dist/.
//
// Why esbuild and not tsc: the server imports `@exam/shared/*`, whose package exports point at
// TypeScript sources, and every import is written `./x.js` for a `./x.ts`. tsc would have to emit
// shared/ too and rewrite that package's exports for production; esbuild bundles our own code
// (server + shared) into one file per entry in well under a second, and leaves every npm
// dependency external, so native modules (argon2), PGlite's wasm and pg load from node_modules as
// they do in development. Type checking stays with `npm run typecheck` (tsc --noEmit).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

/** What `npm ci --omit=dev` installs for the server: external, loaded from node_modules. */
const runtimeDependencies = ['server/package.json', 'shared/package.json'].flatMap((file) =>
  Object.keys(readJson(file).dependencies ?? {}),
);

/** Output name -> source: the server, and the operational commands a deployment runs. */
const serverEntries = {
  server: 'server/src/server.ts',
  'db-migrate': 'server/src/db/migrate-cli.ts',
  'admin-create': 'server/src/modules/setup/admin-create-cli.ts',
  'audit-verify': 'server/src/modules/audit/verify-cli.ts',
  'embedded-backup': 'server/src/db/embedded-backup-cli.ts',
};

const started = Date.now();
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(
    Object.entries(serverEntries).map(([name, source]) => [name, path.join(root, source)]),
  ),
  outdir: path.join(root, 'server/dist'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  // The oldest Node the project supports (package.json engines); the image runs 24.
  target: 'node20.19',
  external: runtimeDependencies,
  sourcemap: true,
  // A bundled ESM file has no `require`; a dependency that calls it (CJS interop) finds one here.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
  metafile: false,
});
console.log(`Server built into server/dist/ in ${Date.now() - started} ms.`);
