import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { ProctorCandidate } from '@exam/shared/protocol';
import { useNow } from '../exam';
import type { DialogRequest } from './ActionDialogs';
import { connectionText, progressText, stateLabels, timeLeft } from './format';

const live = new Set(['part-one', 'part-two', 'paused', 'between-parts', 'admitted']);

/** The actions that fit a candidate's state, most likely first. */
function actionsFor(candidate: ProctorCandidate): { kind: DialogRequest['kind']; label: string }[] {
  const actions: { kind: DialogRequest['kind']; label: string }[] = [];
  const state = candidate.state;
  if (candidate.admittedAt === null) actions.push({ kind: 'admit', label: 'Admit' });
  if (state === 'part-one' || state === 'part-two') actions.push({ kind: 'pause', label: 'Pause' });
  if (state === 'paused') actions.push({ kind: 'resume', label: 'Resume' });
  if (candidate.attemptId && live.has(state)) {
    actions.push({ kind: 'extend', label: 'Add time' });
    actions.push({ kind: 'credit', label: 'Credit disconnect' });
    actions.push({ kind: 'code', label: 'Resume code' });
    actions.push({ kind: 'end', label: 'End attempt' });
  }
  if (candidate.attemptId) actions.push({ kind: 'ledger', label: 'Time ledger' });
  actions.push({ kind: 'incident', label: 'Incident' });
  return actions;
}

/**
 * Keeps a keyboard user's place in the roster. An action's own button can go when its row
 * changes (Admit once admitted, Pause becoming Resume): the dialog hands focus back to that
 * button, the row re-renders without it, and the browser drops focus to the page body, so the
 * proctor had to tab from the top again. After such a change focus goes to the same row's first
 * action. The live push can change the row before the dialog closes, so the dialog's closing
 * is checked as well as each change of the roster. The row is remembered while focus is in the
 * table or in a dialog opened from it, and forgotten once the proctor moves on elsewhere (focus
 * or a click outside both).
 */
function useRowFocusKept(table: RefObject<HTMLTableElement | null>, candidates: unknown): void {
  const lastRow = useRef<string | null>(null);
  const rescue = useCallback(() => {
    const active = document.activeElement;
    if (lastRow.current === null || (active !== null && active !== document.body)) return;
    const row = table.current?.querySelector(`tr[data-row="${CSS.escape(lastRow.current)}"]`);
    row?.querySelector<HTMLButtonElement>('.row-actions button')?.focus();
  }, [table]);
  useEffect(() => {
    const inTableOrDialog = (target: EventTarget | null) =>
      target instanceof Element &&
      (table.current?.contains(target) === true || target.closest('dialog') !== null);
    const onFocusIn = (event: FocusEvent) => {
      const row = event.target instanceof Element ? event.target.closest('tr[data-row]') : null;
      if (row && table.current?.contains(row)) lastRow.current = row.getAttribute('data-row');
      else if (!inTableOrDialog(event.target)) lastRow.current = null;
    };
    const onPointerDown = (event: PointerEvent) => {
      if (!inTableOrDialog(event.target)) lastRow.current = null;
    };
    // `close` does not bubble: caught on the way down. The browser gives focus back after it.
    const onDialogClose = () => setTimeout(rescue, 0);
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('close', onDialogClose, true);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('close', onDialogClose, true);
    };
  }, [table, rescue]);
  useLayoutEffect(rescue, [rescue, candidates]);
}

/** The live roster: one row per candidate, with the actions their state allows. */
export function CandidateTable(props: {
  candidates: readonly ProctorCandidate[];
  skewMs: number;
  timeZone: string;
  onAction(request: DialogRequest): void;
}) {
  const now = useNow(1000);
  const table = useRef<HTMLTableElement>(null);
  useRowFocusKept(table, props.candidates);
  return (
    <table className="proctor-table" ref={table}>
      <caption className="visually-hidden">Candidates in this sitting, updated live</caption>
      <thead>
        <tr>
          <th scope="col">Candidate</th>
          <th scope="col">Status</th>
          <th scope="col">Progress</th>
          <th scope="col">Time left</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {props.candidates.map((candidate) => (
          <tr
            key={candidate.enrolmentId}
            className={`state-${candidate.state}`}
            data-row={candidate.enrolmentId}
          >
            <th scope="row">
              <span className="candidate-name">{candidate.name}</span>
              <span className="hint">
                {' '}
                {candidate.examEndorsement} · {candidate.email}
                {/* A retake by part: the proctor must not expect the other part. */}
                {candidate.parts?.length === 1 &&
                  ` · ${candidate.parts[0] === 1 ? 'Part One' : 'Part Two'} only (retake)`}
              </span>
            </th>
            <td>
              <span className="candidate-state">{stateLabels[candidate.state]}</span>
              <br />
              <span
                className={
                  candidate.connection.status === 'disconnected' ? 'connection-lost' : 'hint'
                }
              >
                {connectionText(candidate, props.timeZone)}
              </span>
            </td>
            <td>{progressText(candidate)}</td>
            <td className="time-left">{timeLeft(candidate.clock, now, props.skewMs)}</td>
            <td>
              <div className="row-actions">
                {actionsFor(candidate).map(({ kind, label }) => (
                  <button
                    key={kind}
                    type="button"
                    className={
                      kind === 'admit' || kind === 'pause' || kind === 'resume'
                        ? undefined
                        : 'secondary'
                    }
                    aria-label={`${label}: ${candidate.name}`}
                    onClick={() => props.onAction({ kind, candidate } as DialogRequest)}
                  >
                    {label}
                  </button>
                ))}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
