import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const clientConfig = fileURLToPath(new URL('../../client/vite.config.ts', import.meta.url));
const viteBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
  'bin/vite.js',
);

/**
 * Builds the client in production mode, as `npm start` serves it, into `outDir` (emptied first)
 * or client/dist. The build runs in its own process because vitest sets NODE_ENV=test, which
 * would make Vite bundle React's development build.
 */
export async function buildClientInto(outDir?: string): Promise<void> {
  const output: Buffer[] = [];
  const args = [viteBin, 'build', '--config', clientConfig];
  if (outDir) args.push('--outDir', outDir, '--emptyOutDir');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) {
    throw new Error(
      `Client build failed (exit ${String(code)}):\n${Buffer.concat(output).toString()}`,
    );
  }
}

/**
 * vitest globalSetup for the browser tier: builds client/dist from the current sources before
 * any browser test runs, so a stale build can never pass or fail a test; the browser tests must
 * exercise what `npm start` serves.
 */
export default async function buildClient(): Promise<void> {
  await buildClientInto();
}
