import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientInto } from '../../test/support/build-client.js';
import {
  budgetProblems,
  budgets,
  ENTRY_ROUTE,
  routeBundles,
} from '../../scripts/client-bundles.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let dist: string;
let prod: TestApp;

beforeAll(async () => {
  // The real production build, as `npm start` serves it, into a directory of its own.
  dist = mkdtempSync(path.join(tmpdir(), 'client-delivery-'));
  await buildClientInto(dist);
  prod = await createTestApp({ env: { NODE_ENV: 'production', CLIENT_DIST: dist } });
}, 180_000);
afterAll(async () => {
  await prod?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

const gzipOf = (route: string) => routeBundles(dist).find((b) => b.route === route)?.gzip ?? NaN;

describe('the client build', () => {
  it('keeps the first page, Part Two and every chunk within their budgets', () => {
    expect(budgetProblems(dist)).toEqual([]);
    const firstPage = gzipOf(ENTRY_ROUTE) + gzipOf('/exam (lobby, Part One)');
    expect(firstPage).toBeGreaterThan(0);
    expect(firstPage).toBeLessThanOrEqual(budgets.firstPageGzip);
    expect(gzipOf('/exam Part Two (editor)')).toBeLessThanOrEqual(budgets.partTwoGzip);
  });

  it("loads no staff console and no editor with the candidate's sign-in and Part One", () => {
    const chunks = JSON.parse(readFileSync(path.join(dist, '.vite', 'chunks.json'), 'utf8')) as {
      file: string;
      modules: string[];
    }[];
    const candidateFiles = routeBundles(dist)
      .filter((b) => [ENTRY_ROUTE, '/exam (lobby, Part One)'].includes(b.route))
      .flatMap((b) => b.files);
    const modules = chunks
      .filter((chunk) => candidateFiles.includes(chunk.file))
      .flatMap((chunk) => chunk.modules);
    expect(modules).toContain('client/src/features/exam/PartOneRunner.tsx');
    const staff = /client\/src\/features\/(?:admin|coordinator|grading|sittings|bank|analysis)\//;
    expect(modules.filter((id) => staff.test(id))).toEqual([]);
    expect(modules.filter((id) => /@tiptap|prosemirror|recharts/.test(id))).toEqual([]);
  });
});

describe('serving the client', () => {
  const script = () => readdirSync(path.join(dist, 'assets')).find((n) => /\.js$/.test(n))!;

  it('sends hashed assets brotli or gzip by Accept-Encoding, cacheable for a year', async () => {
    const name = script();
    const original = readFileSync(path.join(dist, 'assets', name));
    const url = `/assets/${name}`;

    const br = await prod.app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).equals(original)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(original.length / 2);

    const gz = await prod.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(original)).toBe(true);

    const plain = await prod.app.inject({ url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(original)).toBe(true);

    for (const response of [br, gz, plain]) {
      expect(response.headers['content-type']).toMatch(/javascript/);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers.vary).toMatch(/accept-encoding/i);
    }
  });

  it('sends index.html compressed too, and never cacheable (no-store, as every page)', async () => {
    const original = readFileSync(path.join(dist, 'index.html'));
    for (const url of ['/', '/exam', '/index.html']) {
      const response = await prod.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toMatch(/text\/html/);
      expect(response.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(response.rawPayload).equals(original), url).toBe(true);
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('answers a missing asset and a compressed copy asked for by name with 404, not a page', async () => {
    const name = script();
    for (const url of ['/assets/index-0ld8u1ld.js', `/assets/${name}.br`, `/assets/${name}.gz`]) {
      const response = await prod.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code, url).toBe('NOT_FOUND');
    }
  });
});
