import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { SessionProvider } from '../src/features/auth';
import { SaveIndicator } from '../src/features/exam/SaveIndicator';
import { initialExamState, type ExamState } from '../src/features/exam/exam-state';

/** A Michigan candidate: their session's zone is their association's. */
const candidateSession = {
  user: {
    id: '00000000-0000-4000-8000-0000000000c1',
    email: 'candidate@demo.test',
    displayName: 'Casey Candidate',
    roles: ['candidate'],
    association: null,
    memberships: [],
    timeZone: 'America/Detroit',
  },
  embeddedDatabase: false,
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderIndicator(state: ExamState) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      if (path === '/api/auth/session/current')
        return new Response(JSON.stringify(candidateSession), { status: 200 });
      throw new Error(`unexpected request ${path}`);
    }),
  );
  render(
    <SessionProvider>
      <SaveIndicator state={state} />
    </SessionProvider>,
  );
}

describe('the save indicator says when everything was last saved', () => {
  it("in the candidate's zone, named, on the server's clock rather than the device's", async () => {
    // The device's clock is 3.2 s behind the server's; the candidate's zone is Detroit (EST in
    // December), whatever zone the device is set to.
    const savedOnDevice = Date.UTC(2026, 11, 7, 19, 47, 46, 800);
    renderIndicator({
      ...initialExamState,
      connection: 'open',
      savedAny: true,
      lastSavedAt: savedOnDevice,
      skewMs: 3_200,
    });
    await waitFor(() =>
      expect(screen.getByTestId('save-indicator').textContent).toBe(
        'All answers saved – 2:47:50 PM (America/Detroit)',
      ),
    );
  });
});
