import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ProctorCandidate } from '@exam/shared/protocol';
import { DashboardDialog } from '../src/features/proctoring/ActionDialogs';
import { stubShowModal } from './helpers/modal-dialog';

const SITTING = '00000000-0000-4000-8000-0000000000aa';
const riley = {
  enrolmentId: '00000000-0000-4000-8000-000000000002',
  name: 'Riley',
  state: 'part-one',
} as ProctorCandidate;

/** A server that refuses the incident with `status` and `error`. */
function refuse(status: number, error: object) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Response.json({ error }, { status })),
  );
}

function open() {
  render(
    <DashboardDialog
      request={{ kind: 'incident', candidate: riley }}
      sittingId={SITTING}
      timeZone="America/Detroit"
      candidates={[riley]}
      incidents={[]}
      onApplied={vi.fn()}
      onDone={vi.fn()}
    />,
  );
  const button = screen.getByRole('button', { name: 'Record incident' });
  // A keyboard user confirms from the button, where focus stayed after a refusal.
  button.focus();
  return button;
}

beforeAll(stubShowModal);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a refused incident', () => {
  it('puts focus on the field the server refused, marked invalid and described by the error', async () => {
    refuse(400, {
      code: 'VALIDATION_FAILED',
      message: 'Describe the incident in at least 3 characters.',
      details: {
        fields: [{ path: 'note', message: 'Describe the incident in at least 3 characters' }],
      },
    });
    const button = open();
    const note = screen.getByLabelText('What happened');
    fireEvent.change(note, { target: { value: 'Phone rang' } });
    fireEvent.click(button);
    await waitFor(() => expect(document.activeElement).toBe(note));
    expect(note.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(note.getAttribute('aria-describedby') ?? '');
    expect(error?.textContent).toBe('Describe the incident in at least 3 characters.');
  });

  it('puts focus on the note when the dialog’s own check refuses it', async () => {
    const button = open();
    fireEvent.click(button);
    const note = screen.getByLabelText('What happened');
    await waitFor(() => expect(document.activeElement).toBe(note));
    expect(note.getAttribute('aria-invalid')).toBe('true');
  });

  it('puts focus on the error when the refusal names no field', async () => {
    refuse(403, { code: 'FORBIDDEN', message: 'You do not proctor this sitting.' });
    const button = open();
    fireEvent.change(screen.getByLabelText('What happened'), { target: { value: 'Phone rang' } });
    fireEvent.click(button);
    const alert = await screen.findByText('You do not proctor this sitting.');
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(screen.getByLabelText('What happened').getAttribute('aria-invalid')).toBeNull();
  });
});
