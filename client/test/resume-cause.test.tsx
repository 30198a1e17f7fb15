import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { Incident, LedgerEntry, ProctorCandidate } from '@exam/shared/protocol';
import { DashboardDialog, type DialogRequest } from '../src/features/proctoring/ActionDialogs';
import { stubShowModal } from './helpers/modal-dialog';

const CASEY = '00000000-0000-4000-8000-000000000001';
const RILEY = '00000000-0000-4000-8000-000000000002';

const candidate = (enrolmentId: string, name: string, state: ProctorCandidate['state']) =>
  ({ enrolmentId, name, state }) as ProctorCandidate;

let nextEntry = 1;
const pause = (enrolmentId: string, kind: LedgerEntry['kind'] = 'pause'): LedgerEntry => ({
  id: nextEntry++,
  enrolmentId,
  candidateName: 'someone',
  part: 1,
  kind,
  at: 1_000 * nextEntry,
  ms: null,
  reason: null,
  actor: 'Priya Proctor',
  incidentId: null,
});

const incident = (
  id: string,
  note: string,
  enrolmentId: string | null,
  effects: LedgerEntry[],
): Incident => ({
  id,
  at: 0,
  category: 'environment',
  note,
  enrolmentId,
  candidateName: enrolmentId === CASEY ? 'Casey Candidate' : null,
  recordedBy: 'Priya Proctor',
  effects,
});

// Oldest first as they happened: the room's fire alarm paused both (later resumed), then Casey
// alone was paused when she felt unwell, then the power cut paused Riley.
const fire = incident('00000000-0000-4000-8000-0000000000f1', 'Fire alarm', null, [
  pause(CASEY),
  pause(RILEY),
  pause(CASEY, 'resume'),
  pause(RILEY, 'resume'),
]);
const unwell = incident('00000000-0000-4000-8000-0000000000c1', 'Casey feels unwell', CASEY, [
  pause(CASEY),
]);
const power = incident('00000000-0000-4000-8000-0000000000b1', 'Power cut', null, [pause(RILEY)]);
const incidents = [power, unwell, fire];
const candidates = [
  candidate(CASEY, 'Casey Candidate', 'paused'),
  candidate(RILEY, 'Riley', 'paused'),
];

function open(request: DialogRequest) {
  render(
    <DashboardDialog
      request={request}
      sittingId="00000000-0000-4000-8000-0000000000aa"
      timeZone="America/Detroit"
      candidates={candidates}
      incidents={incidents}
      onApplied={vi.fn()}
      onDone={vi.fn()}
    />,
  );
  return screen.getByLabelText<HTMLSelectElement>('Caused by');
}

beforeAll(stubShowModal);
afterEach(cleanup);

describe('a resume names the incident that caused the pause', () => {
  it('defaults one candidate’s resume to the incident of the pause in force', () => {
    const causedBy = open({ kind: 'resume', candidate: candidates[0]! });
    expect(causedBy.value).toBe(unwell.id);
    // The reason is optional then: the incident's note is used.
    expect(screen.getByLabelText<HTMLInputElement>('Reason').required).toBe(false);
    // A new incident can still be chosen.
    expect([...causedBy.options].map((o) => o.value)).toContain('');
  });

  it('defaults the room’s resume to the room-wide incident whose pause is in force', () => {
    expect(open({ kind: 'room-resume' }).value).toBe(power.id);
  });

  it('still asks for a cause when pausing', () => {
    expect(open({ kind: 'pause', candidate: candidates[0]! }).value).toBe('');
  });
});
