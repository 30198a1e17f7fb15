import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { QualificationRoundView } from '@exam/shared/api';
import { QualificationRoundPage } from '../src/features/grading/QualificationRoundPage';
import { heldServer, json, renderInSession, signedOut } from './helpers/held-server';
import { twoCriteriaRubric } from './helpers/rubric-fixture';

const ROUND = '00000000-0000-4000-8000-0000000000d1';
const view: QualificationRoundView = {
  id: ROUND,
  variant: 'clinical',
  round: 1,
  status: 'open',
  rubric: twoCriteriaRubric,
  responses: [
    {
      position: 1,
      vignette: { title: 'A vignette', caseText: ['Case.'], prompts: ['Prompt?'] },
      responseHtml: '<p>A benchmark response.</p>',
      words: 3,
      levels: [],
    },
  ],
  result: null,
};

/** The set's server: each PUT of levels is stored as it arrives, once the test lets it answer. */
function serve() {
  const stored: unknown[] = [];
  const server = heldServer(async (path, init, hold) => {
    if (path === `/api/grading/qualification/${ROUND}`) return json(200, view);
    if (path.endsWith('/finish') && init?.method === 'POST') {
      const result = { exactPercent: 100, adjacentPercent: 100, qualified: true, differences: [] };
      return json(200, { ...view, status: 'passed', result });
    }
    if (init?.method === 'PUT') {
      await hold();
      stored.push(JSON.parse(String(init.body)));
      return json(204, undefined);
    }
    return signedOut();
  });
  return { ...server, stored };
}

describe('a qualification set', () => {
  it('sends two quick choices one after the other, the second with both levels, so the newer is what is stored; finishing moves focus to the result', async () => {
    const server = serve();
    renderInSession(
      <MemoryRouter initialEntries={[`/qualification/${ROUND}`]}>
        <Routes>
          <Route path="/qualification/:id" element={<QualificationRoundPage />} />
        </Routes>
      </MemoryRouter>,
    );
    const reflection = await screen.findByRole('group', { name: 'Response 1: Reflection' });
    const thinking = screen.getByRole('group', { name: 'Response 1: Thinking' });
    fireEvent.click(reflection.querySelector('input[id$="-3"]')!);
    fireEvent.click(thinking.querySelector('input[id$="-2"]')!);
    await waitFor(() => expect(server.calls('PUT')).toHaveLength(1));
    // The second waits for the first's answer instead of racing it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.calls('PUT')).toHaveLength(1);
    server.release();
    await waitFor(() => expect(server.calls('PUT')).toHaveLength(2));
    server.release();
    await screen.findByText('Every level is chosen.');
    await waitFor(() => expect(server.stored).toHaveLength(2));
    expect(server.stored.at(-1)).toEqual({
      levels: [
        { criterionId: 'reflection', level: 3 },
        { criterionId: 'thinking', level: 2 },
      ],
    });
    const finish = screen.getByRole('button', { name: 'Finish the set' });
    await waitFor(() => expect((finish as HTMLButtonElement).disabled).toBe(false));

    // Finishing replaces the form and its button: the result's heading takes the focus.
    finish.focus();
    fireEvent.click(finish);
    const heading = await screen.findByRole('heading', { name: 'You qualified' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });
});
