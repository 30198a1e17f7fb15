import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { PauseReviewResponse } from '@exam/shared/api';
import { heldServer, json, pressTwice, renderInSession, signedOut } from './helpers/held-server';
import { PauseReviewPage } from '../src/features/grading/PauseReviewPage';

const PAUSE = '00000000-0000-4000-8000-000000000001';
const reading = (code: string, itemStatus: string) => ({
  code,
  variant: 'clinical',
  submittedAt: '2026-06-01T10:00:00.000Z',
  total: 9,
  itemStatus,
});

/**
 * A fake server holding one pause. Its POSTs answer only when the test lets them, so a second
 * press can come while the first is in flight; the session route says nobody is signed in.
 */
function serve() {
  const review: PauseReviewResponse = {
    pause: {
      id: PAUSE,
      graderId: '00000000-0000-4000-8000-0000000000aa',
      pausedAt: '2026-06-01T12:00:00.000Z',
      liftedAt: null,
      exactPercent: 40,
      adjacentPercent: 80,
    },
    readings: [reading('R-AAAAAAAA', 'final'), reading('R-BBBBBBBB', 'adjudicating')],
  };
  const server = heldServer(async (path, init, hold) => {
    if (path === `/api/grading/monitoring/pauses/${PAUSE}`) return json(200, review);
    if (init?.method === 'POST') {
      await hold();
      if (path.endsWith('/lift')) {
        if (review.pause.liftedAt)
          return json(404, {
            error: { code: 'NOT_FOUND', message: 'No open pause with that id.' },
          });
        review.pause.liftedAt = '2026-06-01T13:00:00.000Z';
      } else {
        const { code } = JSON.parse(String(init.body)) as { code: string };
        review.readings = review.readings.filter((r) => r.code !== code);
      }
      return json(204, undefined);
    }
    return signedOut();
  });
  return { posts: () => server.calls('POST'), answer: server.release };
}

function renderPage() {
  renderInSession(
    <MemoryRouter initialEntries={[`/rater-monitoring/pauses/${PAUSE}`]}>
      <Routes>
        <Route path="/rater-monitoring/pauses/:id" element={<PauseReviewPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('reviewing a paused grader', () => {
  it('says where each response stands in words', async () => {
    serve();
    renderPage();
    expect(await screen.findByText('Final')).toBeTruthy();
    expect(screen.getByText('With a third reader')).toBeTruthy();
  });

  it('sends a response on once for a double press, then focuses the next one’s button', async () => {
    const server = serve();
    renderPage();
    fireEvent.change(
      await screen.findByLabelText('Reason for sending a response to another reader'),
      {
        target: { value: 'Scored far from the seeds' },
      },
    );
    const send = screen.getByRole('button', { name: 'Send R-AAAAAAAA to another reader' });
    send.focus();
    await pressTwice(send, server.posts, server.answer);
    await screen.findByText('Response R-AAAAAAAA was sent to another reader.');
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Send R-BBBBBBBB to another reader' }),
      ),
    );
    expect(server.posts()).toHaveLength(1);
  });

  it('lifts the pause once for a double press and moves focus to the summary that says so', async () => {
    const server = serve();
    renderPage();
    fireEvent.change(await screen.findByLabelText(/What was agreed/), {
      target: { value: 'Went over the rubric together' },
    });
    const lift = screen.getByRole('button', { name: 'Lift the pause' });
    lift.focus();
    await pressTwice(lift, server.posts, server.answer);
    await waitFor(() => expect(document.activeElement?.textContent).toMatch(/Lifted /));
    expect(server.posts()).toHaveLength(1);
    expect(screen.queryByRole('alert', { name: /No open pause/ })).toBeNull();
    expect(screen.queryByText('No open pause with that id.')).toBeNull();
  });
});
