import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { MyQualificationsResponse } from '@exam/shared/api';
import { QualificationPage } from '../src/features/grading/QualificationPage';
import { heldServer, json, renderInSession, signedOut } from './helpers/held-server';

const ROUND = '00000000-0000-4000-8000-0000000000d2';

function serveStanding(setAvailable: boolean) {
  const mine: MyQualificationsResponse = {
    paused: false,
    thresholds: { setSize: 3, exactPercent: 70, adjacentPercent: 90 },
    variants: [
      {
        variant: 'clinical',
        rubricVersion: 1,
        state: 'retry',
        expiresAt: null,
        roundId: ROUND,
        setAvailable,
      },
    ],
  };
  heldServer((path) =>
    Promise.resolve(path === '/api/grading/qualification' ? json(200, mine) : signedOut()),
  );
  renderInSession(
    <MemoryRouter>
      <QualificationPage />
    </MemoryRouter>,
  );
}

describe('the qualification page', () => {
  it('offers a retry when unseen responses can fill a set', async () => {
    serveStanding(true);
    expect(await screen.findByRole('button', { name: 'Take another Clinical set' })).toBeTruthy();
  });

  it('says why a retry waits, and still links the failed set’s feedback', async () => {
    serveStanding(false);
    expect(await screen.findByText(/next set needs responses you have not seen yet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Take another/ })).toBeNull();
    const link = screen.getByRole('link', { name: 'Read the feedback on your Clinical set' });
    expect(link.getAttribute('href')).toBe(`/qualification/${ROUND}`);
  });
});
