import { useState, type FormEvent } from 'react';
import {
  asksForSomething,
  NOTHING_ASKED,
  type AccommodationAsk,
  type MyAccommodationEnrolment,
} from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { formatDate, useViewerZone } from '../../lib/dates';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { getMyAccommodations, sendAccommodationRequest } from './accommodation-requests.api';
import { AskFields, describeAsk, noAsk } from './ask-fields';

const statusLabel = {
  pending: 'Waiting for a decision',
  approved: 'Approved',
  declined: 'Declined',
};

function RequestForm(props: {
  enrolment: MyAccommodationEnrolment;
  maxBytes: number;
  onSent(): void;
}) {
  const [ask, setAsk] = useState<AccommodationAsk>(noAsk);
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileHint = `PDF, PNG or JPEG, up to ${Math.round(props.maxBytes / 1024 / 1024)} MB each, at most five.`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!asksForSomething(ask)) {
      setError(NOTHING_ASKED);
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await sendAccommodationRequest(props.enrolment.enrolmentId, ask, files);
      props.onSent();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={(e) => void submit(e)}
      aria-label={`Request for ${props.enrolment.sittingName}`}
    >
      <AskFields legend="What you need" value={ask} onChange={setAsk} />
      <div className="field">
        <label htmlFor={`docs-${props.enrolment.enrolmentId}`}>Supporting documents</label>
        <p className="hint" id={`docs-hint-${props.enrolment.enrolmentId}`}>
          {fileHint}
        </p>
        <input
          id={`docs-${props.enrolment.enrolmentId}`}
          type="file"
          multiple
          accept="application/pdf,image/png,image/jpeg"
          aria-describedby={`docs-hint-${props.enrolment.enrolmentId}`}
          onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, 5))}
        />
      </div>
      <FormError message={error} />
      <button type="submit" aria-disabled={busy}>
        Send the request
      </button>
    </form>
  );
}

/** The candidate asks for accommodations for each sitting they are enrolled in, before its deadline. */
export function MyAccommodationRequestsPage() {
  const zone = useViewerZone();
  const { state, reload } = useLoad((signal) => getMyAccommodations(signal), []);
  const [sent, setSent] = useState<string | null>(null);
  return (
    <Page title="Accommodations">
      <p>
        Ask for extra time, breaks or other accommodations for a sitting, with a letter or report
        that supports it. A coordinator reads your request and tells you the decision here and by
        mail.
      </p>
      <StatusMessage message={sent} />
      <LoadState state={state} what="your sittings" />
      {state.status === 'loaded' && state.data.enrolments.length === 0 && (
        <p>You are not enrolled in a sitting yet.</p>
      )}
      {state.status === 'loaded' &&
        state.data.enrolments.map((enrolment) => (
          <section key={enrolment.enrolmentId} aria-labelledby={`s-${enrolment.enrolmentId}`}>
            <h2 id={`s-${enrolment.enrolmentId}`}>{enrolment.sittingName}</h2>
            <p>
              Starts {formatDate(enrolment.startsAt, zone) || 'on a date still to be set'}.{' '}
              {enrolment.deadline && `Requests close ${formatDate(enrolment.deadline, zone)}.`}
            </p>
            {enrolment.requests.length > 0 && (
              <ul className="plain-list">
                {enrolment.requests.map((r) => (
                  <li key={r.id}>
                    <strong>{statusLabel[r.status]}</strong>: you asked for{' '}
                    {describeAsk(r.requested)}.
                    {r.status === 'approved' && r.granted && (
                      <> Approved: {describeAsk(r.granted)}.</>
                    )}
                    {r.status === 'declined' && <> Reason: {r.declineReason}</>}
                  </li>
                ))}
              </ul>
            )}
            {enrolment.canRequest ? (
              <RequestForm
                enrolment={enrolment}
                maxBytes={state.data.maxDocumentBytes}
                onSent={() => {
                  setSent(`Your request for ${enrolment.sittingName} was sent.`);
                  reload();
                }}
              />
            ) : (
              !enrolment.requests.some((r) => r.status === 'pending') && (
                <p>The deadline for requests has passed.</p>
              )
            )}
          </section>
        ))}
    </Page>
  );
}
