import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { PauseReviewResponse } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { formatDate, useViewerZone } from '../../lib/dates';
import { useLoad, useSaver } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { getPauseReview, liftPause, sendToAnotherReader } from './calibration.api';

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v)}%`);

/** Where the response stands, in words (the server sends the item's status). */
const itemStatusLabels: Record<string, string> = {
  reading: 'With first readers',
  adjudicating: 'With a third reader',
  final: 'Final',
};

/**
 * A grader paused for falling below the seed agreement threshold: their recent live readings,
 * each of which can be sent to another reader (the reading is withdrawn and routed afresh), and
 * lifting the pause with a note of what was agreed.
 */
export function PauseReviewPage() {
  const { id = '' } = useParams();
  const zone = useViewerZone();
  const { state, set } = useLoad((signal) => getPauseReview(id, signal), [id]);
  // Said here, not in the form that acted: a lifted pause's form goes away with its message.
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Lifting takes its form (and the focused button) away: focus goes to the summary, which
  // then says the pause was lifted, instead of falling to the page body.
  const summary = useRef<HTMLParagraphElement>(null);
  const focusSummary = useRef(false);
  const liftedAt = state.status === 'loaded' ? state.data.pause.liftedAt : null;
  useEffect(() => {
    if (!liftedAt || !focusSummary.current) return;
    focusSummary.current = false;
    summary.current?.focus();
  }, [liftedAt]);
  // Refetched in place (no loading state), so the page and focus stay where they are.
  const done = (message: string) => {
    setStatus(message);
    void getPauseReview(id).then(set, (caught: unknown) => setError(messageOf(caught)));
  };
  return (
    <Page title="Review of a paused grader">
      <p>
        <Link to="/rater-monitoring">Back to rater monitoring</Link>
      </p>
      {state.status === 'loading' && <p role="status">Loading the review…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' && (
        <>
          <p ref={summary} tabIndex={-1}>
            Paused {formatDate(state.data.pause.pausedAt, zone)} at{' '}
            {pct(state.data.pause.exactPercent)} exact and {pct(state.data.pause.adjacentPercent)}{' '}
            adjacent agreement with seeded responses.
            {state.data.pause.liftedAt && ` Lifted ${formatDate(state.data.pause.liftedAt, zone)}.`}
          </p>
          <StatusMessage message={status} />
          <FormError message={error} />
          <Readings data={state.data} zone={zone} onDone={done} />
          {!state.data.pause.liftedAt && (
            <LiftForm
              pauseId={id}
              onDone={(message) => {
                focusSummary.current = true;
                done(message);
              }}
            />
          )}
        </>
      )}
    </Page>
  );
}

function Readings(props: {
  data: PauseReviewResponse;
  zone: string;
  onDone(message: string): void;
}) {
  const save = useSaver();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  // One send at a time: a double press sent it twice, the second refused.
  const sending = useRef(false);
  const list = useRef<HTMLTableSectionElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // A response sent on leaves the list with its button: focus goes to the next one's button
  // (or the last, or the heading) instead of the page body.
  const focusAfterSend = useRef<number | null>(null);
  const { readings } = props.data;
  useEffect(() => {
    const index = focusAfterSend.current;
    if (index === null) return;
    focusAfterSend.current = null;
    const buttons = list.current?.querySelectorAll('button') ?? [];
    (buttons[Math.min(index, buttons.length - 1)] ?? heading.current)?.focus();
  }, [readings]);

  async function send(code: string) {
    if (sending.current) return;
    setError(null);
    if (!reason.trim()) return setError('Say why, in the reason field above the list.');
    sending.current = true;
    const done = await save(() =>
      sendToAnotherReader({ code, graderId: props.data.pause.graderId, reason }),
    );
    sending.current = false;
    if (!done.ok) return setError(done.message);
    focusAfterSend.current = readings.findIndex((r) => r.code === code);
    props.onDone(`Response ${code} was sent to another reader.`);
  }

  return (
    <section aria-labelledby="readings-heading">
      <h2 id="readings-heading" ref={heading} tabIndex={-1}>
        Recent live readings
      </h2>
      {props.data.readings.length === 0 ? (
        <p>No submitted live readings.</p>
      ) : (
        <>
          <TextField
            label="Reason for sending a response to another reader"
            value={reason}
            onChange={setReason}
          />
          <FormError message={error} />
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Response</th>
                <th scope="col">Submitted</th>
                <th scope="col">Total</th>
                <th scope="col">Status</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody ref={list}>
              {props.data.readings.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{r.code}</th>
                  <td>{formatDate(r.submittedAt, props.zone)}</td>
                  <td>{r.total}</td>
                  <td>{itemStatusLabels[r.itemStatus] ?? r.itemStatus}</td>
                  <td>
                    <button type="button" onClick={() => void send(r.code)}>
                      Send {r.code} to another reader
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function LiftForm({ pauseId, onDone }: { pauseId: string; onDone(message: string): void }) {
  const save = useSaver();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  // A double press lifted it and then showed "No open pause with that id." for the second.
  const lifting = useRef(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (lifting.current) return;
    lifting.current = true;
    setError(null);
    const done = await save(() => liftPause(pauseId, note));
    if (!done.ok) {
      lifting.current = false;
      return setError(done.message);
    }
    onDone('The pause is lifted.');
  }

  return (
    <form className="form" aria-labelledby="lift-heading" onSubmit={(e) => void submit(e)}>
      <h2 id="lift-heading">Lift the pause</h2>
      <TextField label="What was agreed" required value={note} onChange={setNote} />
      <FormError message={error} />
      <button type="submit">Lift the pause</button>
    </form>
  );
}
