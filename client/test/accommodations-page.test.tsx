import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { AccommodationsInput, CandidateSummary } from '@exam/shared/api';
import { SessionProvider } from '../src/features/auth';
import { AccommodationsPage } from '../src/features/candidates/AccommodationsPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ID = '00000000-0000-4000-8000-0000000000aa';
const TODAY = '2026-12-07';

/** A fake server that stores what is saved and, as the real one does, says whether it is in force. */
function serve() {
  let accommodations: CandidateSummary['accommodations'] = null;
  const candidate = (): CandidateSummary => ({
    id: ID,
    email: 'casey@demo.test',
    displayName: 'Casey Candidate',
    profile: { endorsement: 'IMH-E', category: 'mental-health-specialist', track: null },
    accommodations,
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init?: RequestInit) => {
      if (path === `/api/candidates/${ID}/accommodations` && init?.method === 'PUT') {
        const input = JSON.parse(String(init.body)) as AccommodationsInput;
        accommodations = {
          ...input,
          approvedBy: { id: ID, displayName: 'Corin Coordinator' },
          inForce: input.validUntil === null || input.validUntil >= TODAY,
          summary: `time × ${input.timeMultiplier}`,
        };
        return Response.json({ candidate: candidate() });
      }
      if (path === `/api/candidates/${ID}`) return Response.json({ candidate: candidate() });
      return new Response('{}', { status: 401 });
    }),
  );
}

function renderPage() {
  render(
    <MemoryRouter initialEntries={[`/coordinator/candidates/${ID}/accommodations`]}>
      <SessionProvider>
        <Routes>
          <Route
            path="/coordinator/candidates/:id/accommodations"
            element={<AccommodationsPage />}
          />
        </Routes>
      </SessionProvider>
    </MemoryRouter>,
  );
}

async function saveWith(validUntil: string) {
  serve();
  renderPage();
  fireEvent.change(await screen.findByLabelText('Time multiplier'), { target: { value: '1.5' } });
  fireEvent.change(screen.getByLabelText('Valid until'), { target: { value: validUntil } });
  fireEvent.click(screen.getByRole('button', { name: 'Save accommodations' }));
  return screen.findByText(/^Accommodations saved/);
}

describe('saving accommodations', () => {
  it('says they apply from now on when they are in force', async () => {
    const status = await saveWith('2027-06-30');
    expect(status.textContent).toBe(
      'Accommodations saved. They apply to every sitting this candidate starts from now on.',
    );
  });

  it('says plainly that they apply to no sitting when the last valid day has passed', async () => {
    const status = await saveWith('2020-01-01');
    expect(status.textContent).toBe(
      'Accommodations saved, but their last valid day (2020-01-01) has passed: they apply to no sitting. Clear Valid until or set a later day for them to apply.',
    );
  });
});

describe('the time multiplier', () => {
  it('steps in hundredths, so time and a third (1.33) is a value the field offers', async () => {
    serve();
    renderPage();
    const field = await screen.findByLabelText('Time multiplier');
    expect(field.getAttribute('step')).toBe('0.01');
  });

  it('refuses more than two decimals beside the field, and sends nothing', async () => {
    serve();
    renderPage();
    const field = await screen.findByLabelText('Time multiplier');
    fireEvent.change(field, { target: { value: '1.333' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save accommodations' }));
    const text =
      'The time multiplier takes at most two decimals, such as 1.33 for time and a third.';
    const problem = await screen.findByText(text, { selector: '.field-problem' });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(problem.id);
    expect(vi.mocked(fetch).mock.calls.some(([, init]) => init?.method === 'PUT')).toBe(false);

    // Corrected, it saves, and the field's problem goes.
    fireEvent.change(field, { target: { value: '1.33' } });
    expect(field.getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save accommodations' }));
    await screen.findByText(/^Accommodations saved/);
    expect(screen.queryByText(text)).toBeNull();
  });

  it('says what it takes when the value is out of range or not a number', async () => {
    serve();
    renderPage();
    const field = await screen.findByLabelText('Time multiplier');
    fireEvent.change(field, { target: { value: '0.9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save accommodations' }));
    await screen.findByText('The time multiplier is from 1 (no extra time) to 3.', {
      selector: '.field-problem',
    });
    fireEvent.change(field, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save accommodations' }));
    await screen.findByText('Enter the time multiplier as a number, such as 1.5.', {
      selector: '.field-problem',
    });
  });
});
