import { describe, expect, it } from 'vitest';
import { createBatchedReads, createGroupCommit } from '../../src/lib/group-commit.js';

/** A writer whose commits are recorded, each taking `commitMs`. */
function recordingWriter(options: {
  maxInFlight?: number;
  lingerMs?: number;
  lingerAbovePerSecond?: number;
  commitMs?: number;
}) {
  const batches: number[][] = [];
  const writer = createGroupCommit<number, string>({
    name: 'test',
    ...options,
    async commit(batch) {
      batches.push([...batch]);
      await new Promise((resolve) => setTimeout(resolve, options.commitMs ?? 0));
      return batch.map((n) => `stored ${n}`);
    },
  });
  return { writer, batches };
}

describe('group commit', () => {
  it('puts items written in separate callbacks of one event-loop turn in one batch', async () => {
    const { writer, batches } = recordingWriter({});
    // Like frames of several sockets read in one poll phase: each its own callback.
    const outcomes = await new Promise<Promise<string>[]>((resolve) => {
      const pending: Promise<string>[] = [];
      for (const n of [1, 2, 3]) setImmediate(() => pending.push(writer.write(n)));
      setImmediate(() => resolve(pending));
    });
    expect(await Promise.all(outcomes)).toEqual(['stored 1', 'stored 2', 'stored 3']);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('with one batch in flight, gathers what arrives meanwhile into the next', async () => {
    const { writer, batches } = recordingWriter({ maxInFlight: 1, commitMs: 30 });
    const first = writer.write(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [writer.write(2), writer.write(3)];
    await new Promise((resolve) => setTimeout(resolve, 5));
    later.push(writer.write(4));
    expect(await Promise.all([first, ...later])).toHaveLength(4);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('lingers so items a few ms apart share a batch, each answered after its commit', async () => {
    const { writer, batches } = recordingWriter({ maxInFlight: 1, lingerMs: 20 });
    const first = writer.write(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = writer.write(2);
    expect(batches).toEqual([]);
    expect(await Promise.all([first, second])).toEqual(['stored 1', 'stored 2']);
    expect(batches).toEqual([[1, 2]]);
  });

  it('lingers only while items arrive faster than lingerAbovePerSecond', async () => {
    const { writer, batches } = recordingWriter({
      maxInFlight: 1,
      lingerMs: 20,
      lingerAbovePerSecond: 100,
    });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // Quiet: one item, then another 5 ms later, each goes at the end of its turn.
    await writer.write(1);
    await sleep(5);
    await writer.write(2);
    expect(batches).toEqual([[1], [2]]);
    // Busy: 30 items within one 100 ms window (300 a second), then a new window begins.
    await Promise.all(Array.from({ length: 30 }, (_, i) => writer.write(100 + i)));
    await sleep(110);
    const first = writer.write(1000);
    await sleep(5);
    const second = writer.write(1001);
    await Promise.all([first, second]);
    expect(batches.at(-1)).toEqual([1000, 1001]);
  });

  it('keeps lingering when the batch before ends while the next is gathering', async () => {
    const { writer, batches } = recordingWriter({ maxInFlight: 1, lingerMs: 20, commitMs: 30 });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const first = writer.write(1); // goes at ~20 ms, commits until ~50 ms
    await sleep(45);
    const second = writer.write(2); // may go at ~65 ms, not when the first commit ends
    await sleep(10);
    const third = writer.write(3);
    await Promise.all([first, second, third]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('batched reads: the ids asked together read once, distinct, each answered with its own', async () => {
    const reads: string[][] = [];
    const read = createBatchedReads<number>({
      name: 'test-reads',
      read: async (ids) => {
        reads.push(ids);
        return new Map(ids.filter((id) => id !== 'gone').map((id) => [id, id.length]));
      },
    });
    const answers = await Promise.all(['a', 'bb', 'a', 'gone', 'ccc'].map((id) => read(id)));
    expect(answers).toEqual([1, 2, 1, undefined, 3]);
    expect(reads).toEqual([['a', 'bb', 'gone', 'ccc']]);
  });
});
