import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { MemoryRouter } from 'react-router-dom';
import type { SittingDetail } from '@exam/shared/api';
import { SessionProvider } from '../src/features/auth';
import { SittingStatusPanel } from '../src/features/sittings/SittingStatusPanel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const open: SittingDetail = {
  id: '00000000-0000-4000-8000-000000000051',
  name: 'Spring sitting',
  status: 'open',
  applicationCycle: '2027-Q1',
  cycleLabel: '2027-Q1',
  date: '2027-03-12',
  startTime: '09:30',
  startsAt: '2027-03-12T09:30:00.000Z',
  startWindowMinutes: 30,
  timeZone: 'UTC',
  remote: true,
  location: null,
  enrolledCount: 3,
  updatedAt: '2027-03-12T09:00:00.000Z',
  part1Minutes: 120,
  part2Minutes: 120,
  cutScore: 0,
  forms: { 'IMH-E': null, 'ECMH-E': null },
  vignetteSetIds: [],
  proctors: [],
  policies: {
    spellcheck: false,
    paste: 'plain-text',
    wordLimit: null,
    partTwoPassingRule: {},
    seb: { required: false, configKeys: [], browserExamKeys: [] },
  },
  allowedTransitions: ['closed'],
  editable: false,
};

function Panel() {
  const [sitting, setSitting] = useState(open);
  return <SittingStatusPanel sitting={sitting} onChanged={setSitting} />;
}

describe('closing a sitting', () => {
  it('sends once however often it is pressed, and leaves focus on the status heading', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const posts: string[] = [];
    let answer: (() => void) | null = null;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string) => {
        if (!path.endsWith('/transition')) return new Response('{}', { status: 401 });
        posts.push(path);
        await new Promise<void>((resolve) => (answer = resolve));
        const closed = { ...open, status: 'closed', allowedTransitions: [] };
        return new Response(JSON.stringify({ sitting: closed }), { status: 200 });
      }),
    );
    render(
      <MemoryRouter>
        <SessionProvider>
          <Panel />
        </SessionProvider>
      </MemoryRouter>,
    );
    const button = screen.getByRole('button', { name: 'Close the sitting' });
    button.focus();
    fireEvent.click(button);
    fireEvent.click(button);
    answer!();
    const heading = await screen.findByRole('heading', { name: 'Status: Closed' });
    expect(posts).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Close the sitting' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });
});
