import { describe, expect, it } from 'vitest';
import { serialRuns } from '../../src/lib/serial-runs.js';

/** A run that waits until the test lets it finish, recording what it was asked for. */
function gatedRuns() {
  const started: string[][] = [];
  const finish: (() => void)[] = [];
  let active = 0;
  let overlapped = false;
  const runs = serialRuns<'timer' | 'change'>(async (asked) => {
    active += 1;
    overlapped ||= active > 1;
    started.push([...asked].sort());
    await new Promise<void>((resolve) => finish.push(resolve));
    active -= 1;
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { runs, started, finish, settle, overlapped: () => overlapped };
}

describe('serial runs', () => {
  it('runs one at a time and queues one more run, with every reason asked meanwhile, after the one under way', async () => {
    const g = gatedRuns();
    const first = g.runs.ask('timer');
    const second = g.runs.ask('change');
    const third = g.runs.ask('timer');
    expect(second).toBe(third);
    expect(g.started).toEqual([['timer']]);

    g.finish[0]!();
    await first;
    await g.settle();
    expect(g.started).toEqual([['timer'], ['change', 'timer']]);
    // Asked while the queued run is under way: one more after it.
    const fourth = g.runs.ask('change');
    g.finish[1]!();
    await second;
    await g.settle();
    expect(g.started).toEqual([['timer'], ['change', 'timer'], ['change']]);
    g.finish[2]!();
    await fourth;
    expect(g.overlapped()).toBe(false);
    expect(g.runs.current).toBeUndefined();
  });

  it('rejects only the callers of the run that failed; the queued run still goes', async () => {
    let calls = 0;
    const runs = serialRuns<'x'>(async () => {
      calls += 1;
      await new Promise((resolve) => setImmediate(resolve));
      if (calls === 1) throw new Error('first run failed');
    });
    const first = runs.ask('x');
    const second = runs.ask('x');
    await expect(first).rejects.toThrow('first run failed');
    await expect(second).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
