import { useState } from 'react';
import type { RetakeRequestView } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { useFormatDate } from '../../lib/dates';
import { useLoad } from '../../lib/use-load';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { FormError, StatusMessage } from '../../ui/FormError';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { EligibilitySummary } from './eligibility-summary';
import {
  approveRetake,
  declineRetake,
  getRetakeRequests,
  partName,
  retakeStatusLabel,
} from './retakes.api';

/** The coordinator must know which content the candidate has seen before approving. */
function SeenWarning({ request }: { request: RetakeRequestView }) {
  const { seen } = request.eligibility;
  if (!seen.formId && seen.vignetteSetIds.length === 0) return <p>No content seen before.</p>;
  return (
    <p className="warning">
      Warning: the candidate has seen this sitting&apos;s{' '}
      {seen.formId ? 'Part One form' : `${seen.vignetteSetIds.length} vignette set(s)`} before
      {seen.inSittings.length > 0 ? ` (in ${seen.inSittings.join(', ')})` : ''}.
    </p>
  );
}

function Decision(props: { request: RetakeRequestView; onDecided(message: string): void }) {
  const { request } = props;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const who = `${request.candidateName}, ${partName(request.part)}`;

  async function run(action: () => Promise<RetakeRequestView>, done: string) {
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
      <button
        type="button"
        onClick={() => void run(() => approveRetake(request.id), `Approved: ${who}.`)}
      >
        Approve: {who}
      </button>
      <TextField label={`Reason for declining: ${who}`} value={reason} onChange={setReason} />
      <button
        type="button"
        onClick={() => void run(() => declineRetake(request.id, reason), `Declined: ${who}.`)}
      >
        Decline: {who}
      </button>
      <FormError message={error} />
    </>
  );
}

/** The coordinator's retake requests: eligibility as of today, seen content, and the decision. */
export function RetakeRequestsPage() {
  const format = useFormatDate('date to be set');
  const { state, reload } = useLoad((signal) => getRetakeRequests(signal), []);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Page title="Retake requests">
      <ConsoleNav />
      <p>
        An approval enrols the candidate in that sitting for the one part; a decline needs a reason.
        Both are audited.
      </p>
      <StatusMessage message={message} />
      <LoadState state={state} what="retake requests" />
      {state.status === 'loaded' && state.data.length === 0 && <p>No retake requests.</p>}
      {state.status === 'loaded' &&
        state.data.map((r) => (
          <section key={r.id} aria-labelledby={`rt-${r.id}`}>
            <h2 id={`rt-${r.id}`}>
              {r.candidateName}: {partName(r.part)} in {r.sittingName}
            </h2>
            <p>
              {retakeStatusLabel[r.status]}
              {r.declineReason ? ` (${r.declineReason})` : ''}. Sitting starts{' '}
              {format(r.sittingStartsAt)}.
            </p>
            <EligibilitySummary eligibility={r.eligibility} />
            <SeenWarning request={r} />
            {r.status === 'requested' && (
              <Decision
                request={r}
                onDecided={(done) => {
                  setMessage(done);
                  reload();
                }}
              />
            )}
          </section>
        ))}
    </Page>
  );
}
