import { describe, expect, it } from 'vitest';
import { initialExamState, saveStatusText, type ExamState } from '../src/features/exam/exam-state';
import { shortSaveText } from '../src/features/exam/SaveIndicator';
import { partTwoState } from './helpers/fake-exam-socket';

/** The attempt holds something already stored, unless a test says otherwise. */
const state = (change: Partial<ExamState>): ExamState => ({
  ...initialExamState,
  savedAny: true,
  ...change,
});

describe('the save state in a few words, for the one-line status bar on a narrow screen', () => {
  it('says "saved" only when nothing waits and the socket is open', () => {
    expect(shortSaveText(state({ connection: 'open' }))).toBe('All saved');
    expect(shortSaveText(state({ connection: 'open', pendingCount: 2 }))).toBe('Saving 2…');
    expect(shortSaveText(state({ connection: 'offline' }))).toBe('Saved, offline');
    expect(shortSaveText(state({ connection: 'connecting' }))).toBe('Saved, reconnecting');
  });

  it('keeps what is waiting and why in view', () => {
    expect(shortSaveText(state({ connection: 'offline', pendingCount: 3 }))).toBe(
      '3 unsaved, offline',
    );
    expect(shortSaveText(state({ connection: 'connecting', pendingCount: 1 }))).toBe(
      '1 unsaved, reconnecting',
    );
    expect(shortSaveText(state({ connection: 'open', unsavable: { 3: 'too long' } }))).toBe(
      'Not saved',
    );
    expect(shortSaveText(state({ connection: 'open', heldAnswers: 2 }))).toBe(
      'Held for the proctor',
    );
  });
});

describe('a connection the server closed for good', () => {
  // No sitting open to this candidate, or the exam open on another device: nothing reconnects
  // until the candidate acts, so the bar must not say it is reconnecting.
  it('says not connected, in full and in a few words', () => {
    const closed = state({ connection: 'closed' });
    expect(saveStatusText(closed, () => '10:42')).toBe('All answers saved – not connected');
    expect(shortSaveText(closed)).toBe('Saved, not connected');
    const waiting = state({ connection: 'closed', pendingCount: 2 });
    expect(saveStatusText(waiting, () => '10:42')).toBe(
      '2 changes waiting to save – not connected; they are kept on this device',
    );
    expect(shortSaveText(waiting)).toBe('2 unsaved, not connected');
  });
});

describe('before anything of the attempt is stored', () => {
  // It said "All answers saved" over an attempt with nothing in it: true of no answers at all,
  // and read by the candidate as "something of mine is stored".
  const empty = state({ connection: 'open', savedAny: false });

  it('Part One (and the lobby): no answers yet, in full and in a few words', () => {
    expect(saveStatusText(empty, () => '10:42')).toBe('No answers yet');
    expect(shortSaveText(empty)).toBe('No answers yet');
    const offline = { ...empty, connection: 'offline' as const };
    expect(saveStatusText(offline, () => '10:42')).toBe('No answers yet – offline');
    expect(shortSaveText(offline)).toBe('No answers yet, offline');
  });

  it('Part Two: nothing saved yet', () => {
    const partTwo = { ...empty, partTwo: partTwoState() };
    expect(saveStatusText(partTwo, () => '10:42')).toBe('Nothing saved yet');
    expect(shortSaveText(partTwo)).toBe('Nothing saved yet');
  });

  it('says what waits, what was refused or held, as before', () => {
    expect(saveStatusText({ ...empty, pendingCount: 1 }, () => '10:42')).toBe('Saving 1 change…');
    expect(shortSaveText({ ...empty, notSavedCount: 2 })).toBe('2 not saved');
    expect(shortSaveText({ ...empty, heldAnswers: 1 })).toBe('Held for the proctor');
  });
});
