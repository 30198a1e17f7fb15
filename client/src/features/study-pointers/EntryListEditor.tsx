import { useEffect, useId, useRef } from 'react';

/**
 * An ordered list of one-line entries (readings, practice suggestions) edited by keyboard: each
 * entry has its own labelled field and Move up, Move down and Remove buttons named after it.
 * Focus follows the entry that moved, and after a removal lands on a neighbour (or Add), so a
 * keyboard user never loses their place.
 */
export function EntryListEditor(props: {
  legend: string;
  /** Singular noun for labels: "Reading" gives "Reading 2", "Move reading 2 up". */
  noun: string;
  entries: string[];
  onChange(entries: string[]): void;
  max: number;
  maxLength: number;
  hint?: string;
}) {
  const { entries, onChange, noun } = props;
  const id = useId();
  const lower = noun.toLowerCase();
  // Where focus goes after the list re-renders: an element id, set by the action that moved it.
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (!pendingFocus.current) return;
    document.getElementById(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  });

  const fieldId = (i: number) => `${id}-entry-${i}`;
  const addId = `${id}-add`;

  function move(from: number, to: number, button: 'up' | 'down') {
    const next = [...entries];
    const [entry] = next.splice(from, 1);
    next.splice(to, 0, entry!);
    // At either end the same-direction button disappears: fall back to the entry's field.
    const atEnd = (button === 'up' && to === 0) || (button === 'down' && to === next.length - 1);
    pendingFocus.current = atEnd ? fieldId(to) : `${fieldId(to)}-${button}`;
    onChange(next);
  }

  function remove(index: number) {
    const next = entries.filter((_, i) => i !== index);
    pendingFocus.current = next.length === 0 ? addId : fieldId(Math.min(index, next.length - 1));
    onChange(next);
  }

  function add() {
    pendingFocus.current = fieldId(entries.length);
    onChange([...entries, '']);
  }

  return (
    <fieldset className="form-section">
      <legend>{props.legend}</legend>
      {props.hint && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      {entries.length === 0 && <p>None yet.</p>}
      <ol className="entry-list">
        {entries.map((entry, i) => (
          <li key={i} className="field">
            <label htmlFor={fieldId(i)}>
              {noun} {i + 1}
            </label>
            <input
              id={fieldId(i)}
              type="text"
              value={entry}
              maxLength={props.maxLength}
              aria-describedby={props.hint ? `${id}-hint` : undefined}
              onChange={(e) => onChange(entries.map((v, j) => (j === i ? e.target.value : v)))}
            />
            <span className="row-actions">
              {i > 0 && (
                <button
                  id={`${fieldId(i)}-up`}
                  type="button"
                  className="secondary"
                  onClick={() => move(i, i - 1, 'up')}
                >
                  Move {lower} {i + 1} up
                </button>
              )}
              {i < entries.length - 1 && (
                <button
                  id={`${fieldId(i)}-down`}
                  type="button"
                  className="secondary"
                  onClick={() => move(i, i + 1, 'down')}
                >
                  Move {lower} {i + 1} down
                </button>
              )}
              <button type="button" className="secondary" onClick={() => remove(i)}>
                Remove {lower} {i + 1}
              </button>
            </span>
          </li>
        ))}
      </ol>
      {entries.length < props.max ? (
        <button id={addId} type="button" className="secondary" onClick={add}>
          Add {lower}
        </button>
      ) : (
        <p>
          At most {props.max} {lower}s.
        </p>
      )}
    </fieldset>
  );
}
