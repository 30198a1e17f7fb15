import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { Annotation } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { TextAreaField } from '../../ui/fields';
import { TextField } from '../../ui/TextField';
import { addAnnotation, getReadingAnnotations, removeAnnotation } from './annotations.api';
import { findPassage, highlightPassages, passageOfSelection, type Passage } from './passage';

/**
 * The grader's annotations of the response above. A passage is chosen by selecting it (mouse,
 * or keyboard selection) and pressing "Use the selected text", or, with no pointer at all, by
 * typing words from it and pressing "Find"; then a comment is written and added. The third
 * reader also sees the first readers' annotations, labelled First reading and Second reading as
 * their score sheet labels the same readings.
 */
export function AnnotationsPanel({
  code,
  responseRef,
  readOnly,
}: {
  code: string;
  responseRef: RefObject<HTMLDivElement | null>;
  readOnly: boolean;
}) {
  const { state, set } = useLoad((signal) => getReadingAnnotations(code, signal), [code]);
  const [chosen, setChosen] = useState<{ passage: Passage; quote: string } | null>(null);
  const passage = chosen?.passage ?? null;
  const [words, setWords] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const lastSelection = useRef<Passage | null>(null);
  // One add and one removal at a time: a double press sent the annotation twice (the list,
  // updated from the first answer, showed one and the second appeared on reload).
  const adding = useRef(false);
  const removing = useRef<string | null>(null);
  const ownList = useRef<HTMLUListElement>(null);
  const ownHeading = useRef<HTMLHeadingElement>(null);
  // After a removal its button is gone: focus goes to the next one (or the last, or the heading)
  // instead of falling to the page body.
  const focusAfterRemoval = useRef<number | null>(null);

  // A click on a button may collapse the selection first: remember the last one in the response.
  useEffect(() => {
    const remember = () => {
      const container = responseRef.current;
      const selected = container ? passageOfSelection(container, document.getSelection()) : null;
      if (selected) lastSelection.current = selected;
    };
    document.addEventListener('selectionchange', remember);
    return () => document.removeEventListener('selectionchange', remember);
  }, [responseRef]);

  const own = useMemo(() => (state.status === 'loaded' ? state.data.own : []), [state]);
  const others = useMemo(() => (state.status === 'loaded' ? state.data.others : []), [state]);
  useEffect(() => {
    const container = responseRef.current;
    if (!container) return;
    const marks = [...own, ...others.flatMap((o) => o.annotations)];
    const clearMarks = highlightPassages('annotations', container, marks);
    const clearChosen = highlightPassages('chosen-passage', container, passage ? [passage] : []);
    return () => {
      clearMarks();
      clearChosen();
    };
  }, [own, others, passage, responseRef]);

  useEffect(() => {
    const index = focusAfterRemoval.current;
    if (index === null) return;
    focusAfterRemoval.current = null;
    const buttons = ownList.current?.querySelectorAll('button') ?? [];
    const next = buttons[Math.min(index, buttons.length - 1)];
    (next ?? ownHeading.current)?.focus();
  }, [own]);

  /** Chooses a passage, keeping its words as the response shows them. */
  function choose(next: Passage | null) {
    const text = responseRef.current?.textContent ?? '';
    setChosen(next ? { passage: next, quote: text.slice(next.start, next.end) } : null);
  }

  function useSelection() {
    setError(null);
    const container = responseRef.current;
    const selected =
      (container && passageOfSelection(container, document.getSelection())) ??
      lastSelection.current;
    if (!selected) setError('Select a passage of the response first.');
    choose(selected);
  }

  function find() {
    setError(null);
    const text = responseRef.current?.textContent ?? '';
    const found = findPassage(text, words, passage ? passage.start + 1 : 0);
    if (!found) setError(`“${words.trim()}” is not in the response.`);
    choose(found);
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    if (!passage) return setError('Choose a passage first: select it, or find it by its words.');
    if (!comment.trim()) return setError('Write a comment for the passage.');
    if (adding.current) return;
    adding.current = true;
    try {
      const annotation = await addAnnotation(code, { ...passage, comment });
      if (state.status === 'loaded') set({ ...state.data, own: sorted([...own, annotation]) });
      setComment('');
      setChosen(null);
      setError(null);
      setStatus('Annotation added.');
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      adding.current = false;
    }
  }

  async function remove(annotation: Annotation) {
    if (removing.current) return;
    removing.current = annotation.id;
    setError(null);
    try {
      await removeAnnotation(code, annotation.id);
      focusAfterRemoval.current = own.findIndex((a) => a.id === annotation.id);
      if (state.status === 'loaded')
        set({ ...state.data, own: own.filter((a) => a.id !== annotation.id) });
      setStatus(`Annotation on “${annotation.quote}” removed.`);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      removing.current = null;
    }
  }

  return (
    <section aria-labelledby="annotations-heading" className="annotations">
      <h3 id="annotations-heading">Annotations</h3>
      {state.status === 'failed' && <FormError message={state.message} />}
      {!readOnly && (
        <form onSubmit={(event) => void add(event)} aria-label="Annotate a passage">
          <p>
            <button type="button" onClick={useSelection}>
              Use the selected text
            </button>
          </p>
          <TextField
            label="Or find words in the response"
            value={words}
            onChange={setWords}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                find();
              }
            }}
          />
          <p>
            <button type="button" onClick={find}>
              Find
            </button>
          </p>
          <p aria-live="polite" className="chosen-passage">
            {chosen ? <>Passage: “{chosen.quote}”</> : 'No passage chosen yet.'}
          </p>
          <TextAreaField
            label="Comment on the passage"
            value={comment}
            onChange={setComment}
            rows={3}
          />
          <button type="submit">Add annotation</button>
        </form>
      )}
      <FormError message={error} />
      <StatusMessage message={status} />
      <h4 ref={ownHeading} tabIndex={-1}>
        Your annotations
      </h4>
      {own.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul className="annotation-list" ref={ownList}>
          {own.map((a) => (
            <li key={a.id}>
              <q>{a.quote}</q> {a.comment}{' '}
              {!readOnly && (
                <button type="button" onClick={() => void remove(a)}>
                  Remove<span className="visually-hidden"> the annotation on “{a.quote}”</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {others.map((reading) => (
        <div key={reading.label}>
          <h4>{reading.label}’s annotations</h4>
          {reading.annotations.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul className="annotation-list">
              {reading.annotations.map((a) => (
                <li key={a.id}>
                  <q>{a.quote}</q> {a.comment}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}

function sorted(list: Annotation[]): Annotation[] {
  return [...list].sort((a, b) => a.start - b.start);
}
