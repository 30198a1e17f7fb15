import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { SessionProvider } from '../src/features/auth';
import { VignetteSetEditorPage } from '../src/features/vignettes';
import { adminSession as admin } from './helpers/sessions';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderNewSet() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      if (path === '/api/auth/session/current')
        return new Response(JSON.stringify(admin), { status: 200 });
      throw new Error(`unexpected request ${path}`);
    }),
  );
  render(
    <MemoryRouter initialEntries={['/coordinator/vignettes/new']}>
      <SessionProvider>
        <Routes>
          <Route path="/coordinator/vignettes/new" element={<VignetteSetEditorPage />} />
        </Routes>
      </SessionProvider>
    </MemoryRouter>,
  );
}

// Buttons are found by their text: role queries over the set's many fields are slow in jsdom.
describe('writing a vignette set', () => {
  it('moves focus to the vignette added, and to the one that takes a removed one’s place', async () => {
    renderNewSet();
    const add = await screen.findByText('Add a vignette', { selector: 'button' });
    add.focus();
    fireEvent.click(add);
    // Focus moves in an effect after the render, which under load can come a tick later.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByLabelText('Vignette 4 title')),
    );

    fireEvent.change(screen.getByLabelText('Vignette 3 title'), { target: { value: 'Third' } });
    const removeSecond = screen.getByText('Remove vignette 2', { selector: 'button' });
    removeSecond.focus();
    fireEvent.click(removeSecond);
    // The third is now the second, and focus is on its title, not the page body.
    const second = screen.getByLabelText<HTMLInputElement>('Vignette 2 title');
    expect(second.value).toBe('Third');
    await waitFor(() => expect(document.activeElement).toBe(second));

    const removeLast = screen.getByText('Remove vignette 3', { selector: 'button' });
    removeLast.focus();
    fireEvent.click(removeLast);
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByLabelText('Vignette 2 title')),
    );
    // A page of some 40 fields: seconds in jsdom on a busy machine, past the 5 s default.
  }, 20_000);
});
