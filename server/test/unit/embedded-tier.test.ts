import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** CI's second pass (embedded PGlite on Node 24) runs the files test/embedded-tier.txt names. */
describe('the embedded tier list', () => {
  const listed = readFileSync(`${root}test/embedded-tier.txt`, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('names only test files that exist, so a rename cannot drop one from CI silently', () => {
    expect(listed.length).toBeGreaterThan(10);
    expect(listed.filter((file) => !existsSync(`${root}${file}`))).toEqual([]);
    expect(listed.filter((file) => !file.endsWith('.test.ts'))).toEqual([]);
  });

  it('is read by .ci/run', () => {
    expect(readFileSync(`${root}.ci/run`, 'utf8')).toContain('test/embedded-tier.txt');
  });
});
