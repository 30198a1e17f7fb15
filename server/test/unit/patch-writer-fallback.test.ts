import { describe, expect, it } from 'vitest';
import { createPatchWriter, type PatchWrite } from '../../src/modules/delivery/patch-writer.js';

const patch: PatchWrite = {
  attemptId: '00000000-0000-4000-8000-000000000001',
  vignette: 1,
  base: 1,
  revision: 2,
  steps: [
    { stepType: 'replace', from: 3, to: 3, slice: { content: [{ type: 'text', text: 'a' }] } },
  ],
  version: 1,
};

/** A database whose statements answer in turn from `answers` (an Error is thrown). */
function fakeDatabase(answers: (unknown[] | Error)[]) {
  const calls: { name: string; text: string; values: unknown[] }[] = [];
  return {
    calls,
    raw: <T>(name: string, text: string, values: unknown[]): Promise<T[]> => {
      calls.push({ name, text, values });
      const answer = answers.shift();
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer as T[]);
    },
  };
}

const uniqueViolation = Object.assign(new Error('duplicate key'), { code: '23505' });
const clock = { now: () => new Date('2026-12-06T08:00:00Z') };

describe('patch writer', () => {
  it('stores with a plain insert, and the steps compacted', async () => {
    const database = fakeDatabase([[{ n: 1, open: true, inserted: true }]]);
    const writer = createPatchWriter({ database, clock, graceMs: 5000, lingerMs: 0 });
    expect(await writer.write(patch)).toBe('stored');
    expect(database.calls).toHaveLength(1);
    expect(database.calls[0]?.text).toContain('NOT EXISTS');
    expect(database.calls[0]?.text).not.toContain('ON CONFLICT');
    expect(database.calls[0]?.values[4]).toEqual(['[[3,"a"]]']);
  });

  it('stores the batch again with ON CONFLICT when another batch stored one of its patches first', async () => {
    const database = fakeDatabase([uniqueViolation, [{ n: 1, open: true, inserted: false }]]);
    const writer = createPatchWriter({ database, clock, graceMs: 5000, lingerMs: 0 });
    expect(await writer.write(patch)).toBe('duplicate');
    expect(database.calls.map((c) => c.text.includes('ON CONFLICT DO NOTHING'))).toEqual([
      false,
      true,
    ]);
    expect(database.calls[1]?.values).toEqual(database.calls[0]?.values);
  });

  it('fails the batch on any other error, storing nothing twice', async () => {
    const database = fakeDatabase([new Error('connection lost')]);
    const writer = createPatchWriter({ database, clock, graceMs: 5000, lingerMs: 0 });
    await expect(writer.write(patch)).rejects.toThrow('connection lost');
    expect(database.calls).toHaveLength(1);
  });

  it('folds a patch that builds on one still waiting for its batch into the same row', async () => {
    let release: (rows: unknown[]) => void = () => undefined;
    const calls: { values: unknown[] }[] = [];
    const answers = [
      new Promise<unknown[]>((resolve) => (release = resolve)),
      Promise.resolve([{ n: 1, open: true, inserted: true }]),
    ];
    const database = {
      raw: <T>(_name: string, _text: string, values: unknown[]) => {
        calls.push({ values });
        return answers.shift() as Promise<T[]>;
      },
    };
    const writer = createPatchWriter({ database, clock, graceMs: 5000, lingerMs: 0 });
    const other = { ...patch, attemptId: '00000000-0000-4000-8000-000000000002' };
    // The first batch (another attempt’s patch) goes at the end of this turn of the event loop and
    // is committing: the next three wait.
    const first = writer.write(other);
    await new Promise((resolve) => setImmediate(resolve));
    const typed = (base: number, text: string) => ({
      ...patch,
      base,
      revision: base + 1,
      steps: [
        {
          stepType: 'replace',
          from: base + 2,
          to: base + 2,
          slice: { content: [{ type: 'text', text }] },
        },
      ],
    });
    const written = [
      writer.write(typed(1, 'a')),
      writer.write(typed(2, 'b')),
      writer.write(typed(3, 'c')),
    ];
    release([{ n: 1, open: true, inserted: true }]);
    expect(await first).toBe('stored');
    expect(await Promise.all(written)).toEqual(['stored', 'stored', 'stored']);
    expect(calls).toHaveLength(2);
    const values = calls[1]!.values;
    // One row from base 1 to revision 4, each earlier revision marked with its step count.
    expect(values[2]).toEqual([1]);
    expect(values[3]).toEqual([4]);
    expect(values[4]).toEqual(['[[3,"a"],[4,"b"],[5,"c"]]']);
    expect(values[8]).toEqual(['{2,1,3,2}']);
  });

  it('keeps a patch that does not build on the waiting one in a row of its own', async () => {
    let release: (rows: unknown[]) => void = () => undefined;
    const calls: { values: unknown[] }[] = [];
    const answers = [
      new Promise<unknown[]>((resolve) => (release = resolve)),
      Promise.resolve([
        { n: 1, open: true, inserted: true },
        { n: 2, open: true, inserted: false },
      ]),
    ];
    const database = {
      raw: <T>(_name: string, _text: string, values: unknown[]) => {
        calls.push({ values });
        return answers.shift() as Promise<T[]>;
      },
    };
    const writer = createPatchWriter({ database, clock, graceMs: 5000, lingerMs: 0 });
    const first = writer.write({ ...patch, vignette: 2 });
    await new Promise((resolve) => setImmediate(resolve));
    const written = [writer.write(patch), writer.write(patch)];
    release([{ n: 1, open: true, inserted: true }]);
    await first;
    expect(await Promise.all(written)).toEqual(['stored', 'duplicate']);
    expect(calls[1]!.values[3]).toEqual([2, 2]);
    expect(calls[1]!.values[8]).toEqual([null, null]);
  });
});
