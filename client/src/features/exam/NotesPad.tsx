import { useCallback, useEffect, useRef, useState } from 'react';
import { NOTE_MAX_CHARS } from '@exam/shared/protocol';

const SAVE_AFTER_MS = 800;

/**
 * A scratch pad for one question or vignette, saved like an answer (through the outbox, a
 * moment after typing stops and on leaving the field). Only the candidate ever sees it.
 */
export function NotesPad(props: {
  id: string;
  what: string;
  note: string;
  readOnly?: boolean;
  onSave(note: string): void;
}) {
  const [text, setText] = useState(props.note);
  const [open, setOpen] = useState(props.note.length > 0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ text, saved: props.note, save: props.onSave });
  useEffect(() => {
    latest.current.save = props.onSave;
  }, [props.onSave]);

  const save = useCallback(() => {
    clearTimeout(timer.current);
    const current = latest.current;
    if (current.text === current.saved) return;
    current.saved = current.text;
    current.save(current.text);
  }, []);
  // Whatever is typed is saved when the pad goes (another question, the end of the part).
  useEffect(() => save, [save]);

  const left = NOTE_MAX_CHARS - text.length;
  return (
    <details
      className="notes-pad"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>Notes{props.note.length > 0 ? ' (written)' : ''}</summary>
      <label htmlFor={props.id}>Your notes on {props.what} – only you see them</label>
      <textarea
        id={props.id}
        value={text}
        maxLength={NOTE_MAX_CHARS}
        rows={4}
        readOnly={props.readOnly}
        aria-describedby={`${props.id}-count`}
        onChange={(event) => {
          setText(event.target.value);
          latest.current.text = event.target.value;
          clearTimeout(timer.current);
          timer.current = setTimeout(save, SAVE_AFTER_MS);
        }}
        onBlur={save}
      />
      <p id={`${props.id}-count`} className="notes-count">
        {left === 0
          ? `The limit of ${NOTE_MAX_CHARS.toLocaleString('en')} characters is reached.`
          : `${text.length.toLocaleString('en')} of ${NOTE_MAX_CHARS.toLocaleString('en')} characters`}
      </p>
    </details>
  );
}
