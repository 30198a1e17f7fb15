import { useId, useState } from 'react';
import type { BankComment } from '@exam/shared/api';

/**
 * The comment bank's comments for one criterion's domain at the level chosen: pick one and
 * insert it into the evidence, where the grader adapts it (what they submit is their own
 * text). Offered only once a level is chosen, as the comments are written per level.
 */
export function BankCommentPicker(props: {
  title: string;
  level: number | null;
  comments: readonly BankComment[];
  onInsert(text: string): void;
}) {
  const id = useId();
  const [chosen, setChosen] = useState('');
  const matching = props.comments;
  if (props.level === null || matching.length === 0) return null;
  const selected = matching.find((c) => c.id === chosen) ?? matching[0]!;
  return (
    <div className="field bank-comments">
      <label htmlFor={`${id}-bank`}>
        Comment bank for {props.title} at level {props.level}
      </label>
      <select id={`${id}-bank`} value={selected.id} onChange={(e) => setChosen(e.target.value)}>
        {matching.map((c) => (
          <option key={c.id} value={c.id}>
            {c.text}
          </option>
        ))}
      </select>{' '}
      <button type="button" onClick={() => props.onInsert(selected.text)}>
        Insert into the evidence for {props.title}
      </button>
    </div>
  );
}
