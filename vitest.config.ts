import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * One project per package, plus the unit tier (pure rules: no app, no database, a few seconds)
 * and the browser tier (Playwright + Chromium, found by test/support/find-browser.ts).
 */
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores, which on CI's two cores is a single
    // worker: every file ran in turn. Each file makes its own database and binds port 0, so two
    // run side by side; the browser and faults projects keep fileParallelism: false, which makes
    // them a group of their own that runs one file at a time after these.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { test: { name: 'shared', include: ['shared/test/**/*.test.ts'], environment: 'node' } },
      {
        // Server rules that are pure functions (scoring, results, enrolment, time): no buildApp,
        // no database, so a rule can be checked in seconds and its worked values read as a spec.
        test: { name: 'unit', include: ['server/test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'server',
          include: ['server/test/**/*.test.ts', 'test/security/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'server/test/unit/**'],
          environment: 'node',
          // Files share a worker's module graph instead of importing fastify, drizzle, pg, PGlite
          // and every server module afresh (about 2.4 s a file, more than most files' tests).
          // Each file still builds its own app on its own database; nothing in server/src keeps
          // state between apps except the metrics registry, which tests read as differences.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'client',
          include: ['client/test/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/build-client.ts'],
          // As in the server tier, files share the worker's module graph (the server, Playwright)
          // instead of importing it afresh: about 100 s less over the tier. Each file still
          // starts its own app on its own database and its own browser.
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
