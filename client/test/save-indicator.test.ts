import { describe, expect, it } from 'vitest';
import { initialExamState, saveStatusText, type ExamState } from '../src/features/exam/exam-state';
import { shortSaveText } from '../src/features/exam/SaveIndicator';

const state = (change: Partial<ExamState>): ExamState => ({ ...initialExamState, ...change });

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
