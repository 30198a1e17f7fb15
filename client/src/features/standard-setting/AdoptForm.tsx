import { useState, type FormEvent } from 'react';
import type { AdoptCutRequest, StudyDetail } from '@exam/shared/api';
import { TextAreaLabelled } from './TextAreaLabelled';
import { TextField } from '../../ui/TextField';

/**
 * Adopting a cut: the recommended one, or another within 1..items with a written reason. The
 * server checks the same rules; these checks only spare a round trip.
 */
export function AdoptForm(props: {
  study: StudyDetail;
  onAdopt(request: AdoptCutRequest): Promise<void>;
}) {
  const last = props.study.rounds[props.study.rounds.length - 1];
  const recommended = last?.recommendedCut ?? null;
  const [cut, setCut] = useState(recommended === null ? '' : String(recommended));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = Number(cut);
    if (!Number.isInteger(value) || value < 1 || value > props.study.itemCount) {
      setProblem(`The cut must be a whole number from 1 to ${props.study.itemCount}.`);
      return;
    }
    if (value !== recommended && reason.trim() === '') {
      setProblem(`Say why the cut differs from the recommended ${recommended ?? '(none yet)'}.`);
      return;
    }
    setProblem(null);
    void props.onAdopt({ cutScore: value, reason: reason.trim() });
  }

  return (
    <form onSubmit={submit} className="form-section" aria-labelledby="adopt-heading">
      <h2 id="adopt-heading">Adopt a cut</h2>
      <p>
        Recommended: {recommended ?? 'none until a panelist has rated every item'}. Adopting sets
        the cut of {props.study.formName} for Part Ones scored from now on; it is audited.
      </p>
      <TextField
        label="Cut score"
        type="number"
        inputMode="numeric"
        min={1}
        max={props.study.itemCount}
        hint={`Correct answers needed to pass, 1 to ${props.study.itemCount}.`}
        value={cut}
        onChange={setCut}
      />
      <TextAreaLabelled
        label="Reason (required when the cut differs from the recommended one)"
        value={reason}
        onChange={setReason}
      />
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit">Adopt cut</button>
    </form>
  );
}
