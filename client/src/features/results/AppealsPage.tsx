import { useEffect, useRef, useState } from 'react';
import type { AppealDetail } from '@exam/shared/api';
import { id, messageOf } from '../../lib/api';
import { formatDate, useViewerZone } from '../../lib/dates';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { LoadState, TextAreaField } from '../../ui/fields';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { Page } from '../../ui/Page';
import { decideAppeal, findReviewer, getAppeal, listAppeals, triageAppeal } from './appeals.api';

type Review = AppealDetail['reviews'][number];

/** Where a response's independent review stands, in words (accepted ones only are sent). */
function reviewState(a: AppealDetail, r: Review): string {
  if (r.review === 'assigned') return 'with an independent reviewer';
  if (r.review === 'draft') return 'being reviewed';
  if (r.review === 'submitted') return 'submitted';
  return a.status === 'accepted' ? 'waiting for an independent reviewer' : 'not sent for review';
}

/**
 * The coordinator's appeals: every appeal with its state's deadline (overdue ones said so),
 * and one opened to triage or decide. The readers' annotations show here, to the coordinator
 * only: the review reader never sees them (they carry the earlier readers' judgments).
 */
export function AppealsPage() {
  const zone = useViewerZone();
  const { state, reload } = useLoad((signal) => listAppeals(signal), []);
  const [open, setOpen] = useState<string | null>(null);
  // One report per sitting that has appeals, named once however many appeals it has.
  const sittings =
    state.status === 'loaded'
      ? [...new Map(state.data.appeals.map((a) => [a.sittingId, a.sittingName])).entries()]
      : [];
  return (
    <Page title="Appeals">
      <ConsoleNav />
      <LoadState state={state} what="appeals" />
      {state.status === 'loaded' && state.data.appeals.length === 0 && <p>No appeals yet.</p>}
      {state.status === 'loaded' && state.data.appeals.length > 0 && (
        <table>
          <caption>Appeals, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Candidate</th>
              <th scope="col">Sitting</th>
              <th scope="col">State</th>
              <th scope="col">Deadline of this state</th>
              <th scope="col">Open</th>
            </tr>
          </thead>
          <tbody>
            {state.data.appeals.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.candidateName}</th>
                <td>{a.sittingName}</td>
                <td>
                  {a.outcome ? `${a.status}: ${a.outcome}` : a.status}
                  {a.waitingForReviewer ? ': waiting for a reviewer' : ''}
                </td>
                <td>
                  {a.deadline ? formatDate(a.deadline, zone) : '—'}
                  {a.overdue ? ' (overdue)' : ''}
                </td>
                <td>
                  <button type="button" onClick={() => setOpen(a.id)}>
                    Open<span className="visually-hidden"> the appeal of {a.candidateName}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sittings.length > 0 && (
        <section aria-labelledby="appeal-reports-heading">
          <h2 id="appeal-reports-heading">Appeals reports</h2>
          <ul>
            {sittings.map(([sittingId, name]) => (
              <li key={sittingId}>
                <a href={`/api/appeals/sittings/${id(sittingId)}/report.csv`} download>
                  Download the appeals report of {name} (CSV)
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {open && <AppealView key={open} appealId={open} onChanged={reload} />}
    </Page>
  );
}

/**
 * One appeal, opened below the list. Focus moves to its heading when it opens and after each
 * decision (the pressed button is gone then); a press while a decision is on its way sends
 * nothing, where a double press sent a second one that was refused beside the first's success.
 */
function AppealView({ appealId, onChanged }: { appealId: string; onChanged(): void }) {
  const { state, reload } = useLoad((signal) => getAppeal(appealId, signal), [appealId]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const acting = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(true);

  useEffect(() => {
    if (focusHeading.current && heading.current) {
      heading.current.focus();
      focusHeading.current = false;
    }
  });

  async function act(work: () => Promise<string | void>, done: string) {
    if (acting.current) return;
    acting.current = true;
    setBusy(true);
    setError(null);
    try {
      setStatus((await work()) ?? done);
      setText('');
      focusHeading.current = true;
      reload();
      onChanged();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      acting.current = false;
      setBusy(false);
    }
  }

  if (state.status !== 'loaded') return <LoadState state={state} what="the appeal" />;
  const a: AppealDetail = state.data;
  return (
    <section aria-labelledby="appeal-heading">
      <h2 id="appeal-heading" ref={heading} tabIndex={-1}>
        Appeal of {a.candidateName}
      </h2>
      <p>Grounds: {a.grounds}</p>
      {a.partOneCheck && (
        <p>
          Part One key check: {a.partOneCheck.before?.correct ?? '?'} →{' '}
          {a.partOneCheck.after.correct} of {a.partOneCheck.after.total}
        </p>
      )}
      {a.waitingReason && (
        <div>
          <p>
            <strong>Waiting for an independent reviewer.</strong> {a.waitingReason}
          </p>
          <p>
            <button
              type="button"
              aria-disabled={busy}
              onClick={() =>
                void act(async () => {
                  const found = await findReviewer(a.id);
                  return found.waiting.length === 0
                    ? 'A reviewer was assigned.'
                    : `A reviewer was assigned to ${found.assigned.join(', ')}; ${found.waiting.join(', ')} still waits.`;
                }, 'A reviewer was assigned.')
              }
            >
              Find a reviewer
            </button>
          </p>
        </div>
      )}
      {a.reviews.map((r) => (
        <div key={r.code}>
          <h3>Response {r.code}</h3>
          <p>
            Review: {reviewState(a, r)}. Released total {r.releasedTotal ?? '—'}, review total{' '}
            {r.reviewTotal ?? '—'}.
          </p>
          <ul>
            {r.annotations.map((n) => (
              <li key={n.id}>
                {n.reader}: <q>{n.quote}</q> {n.comment}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {(a.status === 'requested' || a.decidable) && (
        <TextAreaField
          label={a.status === 'requested' ? 'Reason, if you decline' : 'Reply to the candidate'}
          value={text}
          onChange={setText}
        />
      )}
      {a.status === 'requested' && (
        <p>
          <button
            type="button"
            aria-disabled={busy}
            onClick={() => void act(() => triageAppeal(a.id, { decision: 'accept' }), 'Accepted.')}
          >
            Accept for review
          </button>{' '}
          <button
            type="button"
            aria-disabled={busy}
            onClick={() =>
              void act(() => triageAppeal(a.id, { decision: 'decline', reason: text }), 'Declined.')
            }
          >
            Decline
          </button>
        </p>
      )}
      {a.decidable && (
        <p>
          <button
            type="button"
            aria-disabled={busy}
            onClick={() =>
              void act(() => decideAppeal(a.id, { outcome: 'upheld', reply: text }), 'Upheld.')
            }
          >
            Uphold the result
          </button>{' '}
          <button
            type="button"
            aria-disabled={busy}
            onClick={() =>
              void act(
                () => decideAppeal(a.id, { outcome: 'changed', reply: text }),
                'The result was changed.',
              )
            }
          >
            Change the result
          </button>
        </p>
      )}
      <FormError message={error} />
      <StatusMessage message={status} />
    </section>
  );
}
