import { useState } from 'react';
import type { RetakeOption } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { useFormatDate } from '../../lib/dates';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { EligibilitySummary } from './eligibility-summary';
import { getMyRetakes, partName, requestRetake, retakeStatusLabel } from './retakes.api';

function OptionRow(props: { option: RetakeOption; onRequested(message: string): void }) {
  const { option } = props;
  const format = useFormatDate('date to be set');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = `Request a retake of ${partName(option.part)} in ${option.sittingName}`;

  async function request() {
    if (busy) return;
    setError(null);
    setBusy(true);
    try {
      await requestRetake(option.sittingId, option.part);
      props.onRequested(`Retake of ${partName(option.part)} requested in ${option.sittingName}.`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li>
      <h3>
        {partName(option.part)} in {option.sittingName}, {format(option.startsAt)}
      </h3>
      <EligibilitySummary eligibility={option.eligibility} />
      {/* An ineligible option is still shown with its reasons; the server refuses it anyway. */}
      <button
        type="button"
        // aria-disabled while sending: a disabled button drops keyboard focus to the page.
        aria-disabled={busy}
        disabled={!option.eligibility.eligible}
        onClick={() => void request()}
      >
        {label}
      </button>
      <FormError message={error} />
    </li>
  );
}

/** The candidate's standing per part, the sittings they may retake a part in, and their requests. */
export function MyRetakesPage() {
  const format = useFormatDate('none');
  const { state, reload } = useLoad((signal) => getMyRetakes(signal), []);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Page title="Retakes">
      <p>
        A part you passed stays valid for a while; you retake only the part you did not pass, on
        request, before the request deadline.
      </p>
      <StatusMessage message={message} />
      <LoadState state={state} what="your retakes" />
      {state.status === 'loaded' && (
        <>
          <h2>Your parts</h2>
          <ul className="plain-list">
            {state.data.parts.map((p) => (
              <li key={p.part}>
                {partName(p.part)}: {p.passReleased ? 'passed' : 'not passed'}, {p.attempts}{' '}
                {p.attempts === 1 ? 'attempt' : 'attempts'}. Earliest retake date:{' '}
                {format(p.earliestRetakeDate)}.
              </li>
            ))}
          </ul>
          <h2>Sittings you may ask for</h2>
          {state.data.options.length === 0 ? (
            <p>No sitting is open to a retake request.</p>
          ) : (
            <ul className="plain-list">
              {state.data.options.map((o) => (
                <OptionRow
                  key={`${o.sittingId}-${o.part}`}
                  option={o}
                  onRequested={(done) => {
                    setMessage(done);
                    reload();
                  }}
                />
              ))}
            </ul>
          )}
          <h2>Your requests</h2>
          {state.data.requests.length === 0 ? (
            <p>You have not asked for a retake.</p>
          ) : (
            <ul className="plain-list">
              {state.data.requests.map((r) => (
                <li key={r.id}>
                  {partName(r.part)} in {r.sittingName}: {retakeStatusLabel[r.status]}
                  {r.declineReason ? ` (${r.declineReason})` : ''}. Asked {format(r.requestedAt)}.
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  );
}
