import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ReviewedCandidate } from '@exam/shared/api';
import { heldServer, json, pressTwice, renderInSession, signedOut } from './helpers/held-server';
import { CandidatesTable } from '../src/features/results/CandidatesTable';

const GRADER = '00000000-0000-4000-8000-0000000000aa';
const candidate: ReviewedCandidate = {
  candidateId: '00000000-0000-4000-8000-000000000001',
  name: 'Casey Candidate',
  email: 'candidate@demo.test',
  endorsement: 'IMH-E',
  variant: 'clinical',
  partOne: null,
  partTwo: {
    outcome: 'pending',
    required: 1,
    missing: 0,
    responses: [
      {
        code: 'R-ABCDEFGH',
        vignetteTitle: 'A baby who looks away',
        status: 'reading',
        readingsSubmitted: 1,
        total: null,
        max: 16,
        passed: null,
        adjudicated: false,
        readings: [
          { graderId: GRADER, graderName: 'Grace Grader', role: 'reader', status: 'submitted' },
          {
            graderId: '00000000-0000-4000-8000-0000000000bb',
            graderName: 'Gideon Grader',
            role: 'reader',
            status: 'new',
          },
        ],
      },
    ],
  },
  overall: 'pending',
  heldLateChanges: 0,
};

/** The reopen answers only when the test lets it, so a second press comes while it is in flight. */
function serve() {
  const server = heldServer(async (path, init, hold) => {
    if (path.endsWith('/reopen') && init?.method === 'POST') {
      await hold();
      return json(204, undefined);
    }
    return signedOut();
  });
  const reopens = () => server.calls('POST', (path) => path.endsWith('/reopen'));
  return { reopens, answer: server.release };
}

function renderTable(onReopened = vi.fn()) {
  renderInSession(<CandidatesTable candidates={[candidate]} canReopen onReopened={onReopened} />);
  return onReopened;
}

const opener = () =>
  screen.getByRole('button', { name: "Reopen Grace Grader's reading of R-ABCDEFGH" });

describe('reopening a reading', () => {
  it('says each reading’s status in words', () => {
    serve();
    renderTable();
    expect(screen.getByText(/Gideon Grader, first reading: not started/)).toBeTruthy();
  });

  it('gives focus back to its button when cancelled', async () => {
    serve();
    renderTable();
    fireEvent.click(opener());
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByLabelText(/Why reopen it/)),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(opener()));
  });

  it('sends one reopen for a double press and leaves focus on the reading, not the page body', async () => {
    const server = serve();
    const onReopened = renderTable();
    fireEvent.click(opener());
    fireEvent.change(screen.getByLabelText(/Why reopen it/), {
      target: { value: 'Misread the criterion' },
    });
    const reopen = screen.getByRole('button', { name: 'Reopen' });
    await pressTwice(reopen, server.reopens, server.answer);
    await waitFor(() => expect(onReopened).toHaveBeenCalled());
    expect(server.reopens()).toHaveLength(1);
    expect(document.activeElement?.textContent).toMatch(/^Grace Grader, first reading: submitted/);
  });
});
