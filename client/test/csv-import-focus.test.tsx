import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { EnrolmentImportReport, EnrolmentImportRow } from '@exam/shared/api';
import { SessionProvider } from '../src/features/auth';
import { CsvImportPanel } from '../src/features/sittings/CsvImportPanel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const row: EnrolmentImportRow = {
  line: 2,
  email: 'walk.new@demo.test',
  displayName: 'Wanda Walker',
  examEndorsement: 'IMH-E',
  category: 'mental-health-specialist',
  track: null,
  variant: 'clinical',
  action: 'create-and-enrol',
  errors: [],
};

function report(committed: boolean): EnrolmentImportReport {
  return { committed, fileErrors: [], rows: [row], validCount: 1, errorCount: 0, invited: [] };
}

describe('enrolment by CSV', () => {
  it('keeps keyboard focus in the panel when the Import button goes away', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string, init?: RequestInit) => {
        if (!path.includes('/enrolments/import')) return new Response('{}', { status: 401 });
        const { commit } = JSON.parse(String(init?.body)) as { commit: boolean };
        return new Response(JSON.stringify(report(commit)), { status: 200 });
      }),
    );
    const onImported = vi.fn();
    render(
      <MemoryRouter>
        <SessionProvider>
          <CsvImportPanel
            sittingId="00000000-0000-4000-8000-000000000001"
            onImported={onImported}
          />
        </SessionProvider>
      </MemoryRouter>,
    );
    const csv = 'email,name\nwalk.new@demo.test,Wanda Walker';
    const file = new File([csv], 'walk.csv', { type: 'text/csv' });
    // jsdom's File has no arrayBuffer(); the panel reads the bytes to detect the encoding.
    Object.defineProperty(file, 'arrayBuffer', {
      value: () => Promise.resolve(new TextEncoder().encode(csv).buffer),
    });
    fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [file] } });
    const importButton = await screen.findByRole('button', { name: 'Import 1 candidate' });
    importButton.focus();
    fireEvent.click(importButton);
    await screen.findByText('Imported 1 candidates from walk.csv.');
    expect(onImported).toHaveBeenCalledOnce();
    expect(screen.queryByRole('button', { name: /^Import/ })).toBeNull();
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('heading', { name: 'Enrol from a CSV file' }),
      ),
    );
  });
});
