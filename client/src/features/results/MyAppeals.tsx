import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppealPart, MyAppeal } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { formatDate, useViewerZone } from '../../lib/dates';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { CheckboxGroup, TextAreaField } from '../../ui/fields';
import { getMyAppeals, requestAppeal } from './appeals.api';

const statusText: Record<NonNullable<MyAppeal['appeal']>['status'], string> = {
  requested: 'Received: the coordinator will decide whether to review it.',
  accepted: 'Accepted for review: your result is being checked.',
  declined: 'Declined.',
  decided: 'Decided.',
};

/**
 * Reviews of released results: the candidate asks for one within the window (Part One, Part
 * Two or both, with their grounds) and reads where it stands and the outcome, here.
 */
export function MyAppeals() {
  const { state, reload } = useLoad((signal) => getMyAppeals(signal), []);
  if (state.status !== 'loaded' || state.data.results.length === 0) return null;
  return (
    <section aria-labelledby="appeals-heading">
      <h2 id="appeals-heading">Asking for a review</h2>
      {state.data.results.map((result) => (
        <AppealOf key={result.attemptId} result={result} onChanged={reload} />
      ))}
    </section>
  );
}

/**
 * One result's request. A press while the request is on its way sends nothing (a double press
 * sent two: "sent" and "already asked" at once); once sent, the form is gone, so focus moves to
 * the result's heading, where the request's standing is read.
 */
function AppealOf({ result, onChanged }: { result: MyAppeal; onChanged(): void }) {
  const [parts, setParts] = useState<string[]>([]);
  const sending = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);
  const [grounds, setGrounds] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const zone = useViewerZone();
  const { appeal } = result;

  useEffect(() => {
    if (focusHeading.current && !result.canRequest) {
      heading.current?.focus();
      focusHeading.current = false;
    }
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending.current) return;
    setError(null);
    if (parts.length === 0) return setError('Choose Part One, Part Two or both.');
    if (!grounds.trim()) return setError('Say why you ask for a review.');
    sending.current = true;
    try {
      await requestAppeal({
        attemptId: result.attemptId,
        parts: parts as AppealPart[],
        grounds,
      });
      setStatus('Your request was sent.');
      focusHeading.current = true;
      onChanged();
    } catch (caught) {
      setError(messageOf(caught));
      sending.current = false;
    }
  }

  return (
    <div className="appeal">
      <h3 ref={heading} tabIndex={-1}>
        {result.sittingName}
      </h3>
      {appeal && (
        <div>
          <p>
            Your request of {formatDate(appeal.requestedAt, zone, 'date')}:{' '}
            {statusText[appeal.status]}
          </p>
          {appeal.declineReason && <p>Reason: {appeal.declineReason}</p>}
          {appeal.outcome && (
            <p>
              Outcome:{' '}
              {appeal.outcome === 'changed'
                ? 'your result was changed (see above).'
                : 'your result stands.'}
            </p>
          )}
          {appeal.reply && <p>Reply: {appeal.reply}</p>}
        </div>
      )}
      {result.canRequest ? (
        <form onSubmit={(event) => void submit(event)} aria-label="Ask for a review">
          <p>You may ask for a review until {result.windowClosesOn} (UTC).</p>
          <CheckboxGroup
            legend="Which parts should be reviewed?"
            options={[
              { value: 'one', label: 'Part One (multiple choice)' },
              { value: 'two', label: 'Part Two (vignettes)' },
            ]}
            selected={parts}
            onChange={setParts}
          />
          <TextAreaField label="Your grounds" value={grounds} onChange={setGrounds} rows={4} />
          <button type="submit">Ask for a review</button>
        </form>
      ) : (
        !appeal && <p>The time to ask for a review ended on {result.windowClosesOn}.</p>
      )}
      <FormError message={error} />
      <StatusMessage message={status} />
    </div>
  );
}
