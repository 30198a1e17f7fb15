import { useState } from 'react';
import type { AccommodationAsk, AccommodationRequest } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { formatDate, useViewerZone } from '../../lib/dates';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import {
  approveRequest,
  declineRequest,
  documentUrl,
  getPendingRequests,
} from './accommodation-requests.api';
import { AskFields, describeAsk } from './ask-fields';

function Decision(props: { request: AccommodationRequest; onDecided(message: string): void }) {
  const { request } = props;
  const [grant, setGrant] = useState<AccommodationAsk>(request.requested);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<AccommodationRequest>, done: string) {
    setError(null);
    try {
      await action();
      props.onDecided(done);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <>
      <AskFields legend="Approve (all or part)" value={grant} onChange={setGrant} />
      <button
        type="button"
        onClick={() =>
          void run(
            () => approveRequest(request.enrolmentId, grant),
            `Approved for ${request.candidateName}: ${describeAsk(grant)}.`,
          )
        }
      >
        Approve: {request.candidateName}
      </button>
      <TextField label="Reason for declining" value={reason} onChange={setReason} />
      <button
        type="button"
        onClick={() =>
          void run(
            () => declineRequest(request.enrolmentId, reason),
            `Declined for ${request.candidateName}.`,
          )
        }
      >
        Decline: {request.candidateName}
      </button>
      <FormError message={error} />
    </>
  );
}

/** The coordinator's queue of pending accommodation requests, with their documents. */
export function AccommodationRequestsPage() {
  const zone = useViewerZone();
  const { state, reload } = useLoad((signal) => getPendingRequests(signal), []);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Page title="Accommodation requests">
      <p>
        Opening a document is recorded in the audit log. An approval becomes the candidate&apos;s
        accommodations for both parts; a decline is mailed to the candidate with its reason.
      </p>
      <StatusMessage message={message} />
      <LoadState state={state} what="requests" />
      {state.status === 'loaded' && state.data.length === 0 && <p>No requests are waiting.</p>}
      {state.status === 'loaded' &&
        state.data.map((request) => (
          <section key={request.id} aria-labelledby={`r-${request.id}`}>
            <h2 id={`r-${request.id}`}>
              {request.candidateName}, {request.sittingName}
            </h2>
            <p>
              Asked {formatDate(request.requestedAt, zone)} for {describeAsk(request.requested)}.
            </p>
            <ul className="plain-list">
              {request.documents.map((d) => (
                <li key={d.id}>
                  <a href={documentUrl(request.enrolmentId, d.id)} target="_blank" rel="noreferrer">
                    {d.fileName}
                  </a>{' '}
                  ({d.contentType}, {Math.ceil(d.sizeBytes / 1024)} KB)
                </li>
              ))}
            </ul>
            <Decision
              request={request}
              onDecided={(done) => {
                setMessage(done);
                reload();
              }}
            />
          </section>
        ))}
    </Page>
  );
}
