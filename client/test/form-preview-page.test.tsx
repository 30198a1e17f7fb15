import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { FormPreviewResponse } from '@exam/shared/api';
import { SessionProvider } from '../src/features/auth';
import { FormPreviewPage } from '../src/features/bank';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const FORM = '00000000-0000-4000-8000-0000000000f1';
const options = ['Name the feeling', 'Wait quietly', 'Offer a toy', 'All of the above'] as [
  string,
  string,
  string,
  string,
];
const preview: FormPreviewResponse = {
  form: { id: FORM, name: 'Spring form', endorsement: 'IMH-E', itemCount: 4 },
  questions: [
    { position: 1, stem: 'First question?', options, shuffle: true, fixedOptions: [3] },
    { position: 2, stem: 'Second question?', options, shuffle: false, fixedOptions: [] },
    { position: 3, stem: 'Third question?', options, shuffle: true, fixedOptions: [] },
    // Not shuffled: what is marked fixed changes nothing, and is not said.
    { position: 4, stem: 'Fourth question?', options, shuffle: false, fixedOptions: [0] },
  ],
};

function renderPreview() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) =>
      path === `/api/bank/forms/${FORM}/preview`
        ? Response.json(preview)
        : new Response('{}', { status: 401 }),
    ),
  );
  render(
    <MemoryRouter initialEntries={[`/coordinator/forms/${FORM}/preview`]}>
      <SessionProvider>
        <Routes>
          <Route path="/coordinator/forms/:id/preview" element={<FormPreviewPage />} />
        </Routes>
      </SessionProvider>
    </MemoryRouter>,
  );
}

async function question(position: number) {
  const heading = await screen.findByRole('heading', { name: `Question ${position} of 4` });
  return heading.closest('li') as HTMLElement;
}

describe('the form preview', () => {
  it('says per question whether its options are shuffled and which stay in place', async () => {
    renderPreview();
    const first = await question(1);
    within(first).getByText('Options are shuffled for each candidate; D stays in place.');
    expect(
      within(first)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'A. Name the feeling',
      'B. Wait quietly',
      'C. Offer a toy',
      'D. All of the above (kept in place)',
    ]);
    within(await question(2)).getByText('Options are shown in the order written.');
    within(await question(3)).getByText('Options are shuffled for each candidate.');
    const fourth = await question(4);
    within(fourth).getByText('Options are shown in the order written.');
    expect(within(fourth).queryByText(/kept in place/)).toBeNull();
  });

  it('no longer tells staff every option is shuffled', async () => {
    renderPreview();
    await question(1);
    expect(screen.queryByText(/in their own shuffled order/)).toBeNull();
  });
});
