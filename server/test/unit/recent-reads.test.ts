import { describe, expect, it } from 'vitest';
import { createFreshReads, createRecentReads } from '../../src/lib/recent-reads.js';

describe('recent reads (one later use within a window)', () => {
  it('gives a fresh read once, then nothing', async () => {
    const reads = createRecentReads<string>(1000);
    reads.put('a', 0, Promise.resolve('seat'));
    expect(await reads.take('a', 500)).toBe('seat');
    expect(await reads.take('a', 600)).toBeUndefined();
  });

  it('gives nothing for a read older than the window, or one never made', async () => {
    const reads = createRecentReads<string>(1000);
    reads.put('a', 0, Promise.resolve('seat'));
    expect(await reads.take('a', 1000)).toBeUndefined();
    expect(await reads.take('b', 10)).toBeUndefined();
  });

  it('keeps an entry across one rotation and forgets it after two windows', async () => {
    const reads = createRecentReads<string>(1000);
    reads.put('a', 900, Promise.resolve('first'));
    reads.put('b', 1500, Promise.resolve('second'));
    expect(await reads.take('a', 1600)).toBe('first');
    reads.put('c', 5000, Promise.resolve('third'));
    expect(await reads.take('b', 5000)).toBeUndefined();
    expect(await reads.take('c', 5100)).toBe('third');
  });

  it('never hands on a read that failed', async () => {
    const reads = createRecentReads<string>(1000);
    reads.put('a', 0, Promise.reject(new Error('connection lost')));
    expect(await reads.take('a', 10)).toBeUndefined();
  });
});

describe('fresh reads (shared by every caller within a window)', () => {
  it('serves one read to every caller until it is that old, then reads again', async () => {
    const reads = createFreshReads<number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await reads.read('form', 0, load)).toBe(1);
    expect(await reads.read('form', 999, load)).toBe(1);
    expect(await reads.read('other', 10, load)).toBe(2);
    expect(await reads.read('form', 1000, load)).toBe(3);
  });

  it('reads again at once after forget, and after a failed read', async () => {
    const reads = createFreshReads<string>(1000);
    expect(await reads.read('form', 0, async () => 'old')).toBe('old');
    reads.forget('form');
    expect(await reads.read('form', 1, async () => 'adopted')).toBe('adopted');
    await expect(
      reads.read('set', 0, () => Promise.reject(new Error('connection lost'))),
    ).rejects.toThrow('connection lost');
    expect(await reads.read('set', 1, async () => 'read again')).toBe('read again');
  });
});
