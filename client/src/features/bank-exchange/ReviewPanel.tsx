import { useState } from 'react';
import type { FormEvent } from 'react';
import type { BankItemDetail } from '@exam/shared/api';
import { FormError, StatusMessage } from '../../ui/FormError';
import { TextAreaField } from '../../ui/fields';
import { useSaver } from '../../lib/use-load';
import { clearReview, markForReview } from './bank-exchange.api';
import { useFormatDate } from '../../lib/dates';

/**
 * The review mark on an item page: mark it with a reason, or record what the review found.
 * Retiring or revising the item stays with the editor above: the mark itself changes nothing.
 */
export function ReviewPanel({
  item,
  onChanged,
}: {
  item: BankItemDetail;
  onChanged(item: BankItemDetail): void;
}) {
  const save = useSaver();
  const when = useFormatDate();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pending = item.review;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (text.trim().length < 3) {
      setError(pending ? 'Say what the review found.' : 'Say why the item needs review.');
      return;
    }
    setBusy(true);
    const result = await save(() =>
      pending ? clearReview(item.id, text) : markForReview(item.id, text),
    );
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    setText('');
    setDone(pending ? 'Review recorded; the mark is cleared.' : 'Item marked for review.');
    onChanged(result.value);
  }

  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">Review</h2>
      {pending ? (
        <p>
          Marked for review on {when(pending.requestedAt)}: {pending.note}
        </p>
      ) : (
        <p>Not marked for review.</p>
      )}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Review">
        <TextAreaField
          label={pending ? 'What the review found' : 'Why this item needs review'}
          value={text}
          onChange={setText}
          rows={3}
        />
        <FormError message={error} />
        <button type="submit" className="secondary" aria-disabled={busy}>
          {pending ? 'Record review and clear the mark' : 'Mark for review'}
        </button>
        <StatusMessage message={done} />
      </form>
    </section>
  );
}
