import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The module boundaries are only as good as the lint patterns that state them, and a regex that
 * counts `../` once let nested files through. These lint made-up files (nothing is written) with
 * the project's own config and only the boundary rule, so a loosened pattern fails here.
 */
const eslint = new ESLint({
  cwd: new URL('../../..', import.meta.url).pathname,
  overrideConfig: { languageOptions: { parserOptions: { project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
});

async function refused(filePath: string, from: string): Promise<boolean> {
  const [result] = await eslint.lintText(`export * from '${from}';\n`, { filePath });
  return result!.messages.some((m) => m.ruleId === 'no-restricted-imports');
}

const TOP = 'server/src/modules/bank/probe.ts';
const NESTED = 'server/src/modules/bank/qti/probe.ts';

describe('module boundary lint', () => {
  it.each([
    [TOP, '../grading/grading.repo.js'],
    [TOP, '../../modules/grading/grading.repo.js'],
    [TOP, '../../db/schema'],
    [TOP, '../../db/schema/index.js'],
    [TOP, '../../db/schema/grading.js'],
    [TOP, './../grading/grading.repo.js'],
    [TOP, '../bank/../grading/items.repo.js'],
    [TOP, '../../seed/index.js'],
    [NESTED, '../../grading/items.repo.js'],
    [NESTED, '../../../modules/grading/grading.repo.js'],
    [NESTED, '../../../db/schema'],
    [NESTED, './../../grading/items.repo.js'],
    ['server/src/ws/probe.ts', '../modules/auth/index.js'],
  ])('refuses %s importing %s', async (file, from) => {
    expect(await refused(file, from)).toBe(true);
  });

  it.each([
    [TOP, '../grading/index.js'],
    [TOP, '../../db/schema/bank.js'],
    [TOP, './qti/qti.routes.js'],
    [TOP, '../../lib/clock.js'],
    [NESTED, '../../grading/index.js'],
    [NESTED, '../../../db/schema/bank.js'],
    [NESTED, '../review.service.js'],
    ['server/src/ws/probe.ts', '../lib/same-origin.js'],
  ])('allows %s importing %s', async (file, from) => {
    expect(await refused(file, from)).toBe(false);
  });
});
