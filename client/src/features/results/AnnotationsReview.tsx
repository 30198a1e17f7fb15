import { useState } from 'react';
import { useLoad, useSaver } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { getResponseAnnotations, includeAnnotation } from './feedback.api';

/**
 * The readers' annotations of one response, for the coordinator to choose which the candidate
 * reads with their feedback (passage and comment only, never who wrote it). A choice changes
 * the feedback as approved, so the page reloads its approval state after each.
 */
export function AnnotationsReview(props: {
  code: string;
  what: string;
  editable: boolean;
  onChanged(): void;
}) {
  const save = useSaver();
  const { state, set } = useLoad(
    (signal) => getResponseAnnotations(props.code, signal),
    [props.code],
  );
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  if (state.status !== 'loaded' || state.data.annotations.length === 0) return null;

  async function toggle(annotationId: string, include: boolean) {
    if (state.status !== 'loaded') return;
    setError(null);
    const done = await save(() => includeAnnotation(props.code, annotationId, include));
    if (!done.ok) return setError(done.message);
    set({
      ...state.data,
      annotations: state.data.annotations.map((a) =>
        a.id === annotationId ? { ...a, includeInFeedback: include } : a,
      ),
    });
    setStatus(include ? 'Included in the candidate’s feedback.' : 'Left out of the feedback.');
    props.onChanged();
  }

  return (
    <fieldset className="annotations-review">
      <legend>Readers’ annotations on {props.what}: include in the candidate’s feedback?</legend>
      {state.data.annotations.map((a) => (
        <div key={a.id} className="checkbox">
          <input
            type="checkbox"
            id={`include-${a.id}`}
            checked={a.includeInFeedback}
            disabled={!props.editable}
            onChange={(e) => void toggle(a.id, e.target.checked)}
          />
          <label htmlFor={`include-${a.id}`}>
            {a.reader}: <q>{a.quote}</q> {a.comment}
          </label>
        </div>
      ))}
      <FormError message={error} />
      <StatusMessage message={status} />
    </fieldset>
  );
}
