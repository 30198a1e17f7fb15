import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { VerifiedLetter } from '@exam/shared/api';
import { useLoad } from '../../lib/use-load';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { verifyLetter } from './verify.api';

/** A YYYY-MM-DD day written out; it is already the association's day, so no zone shifts it. */
function dayInWords(day: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${day}T00:00:00Z`));
}

/**
 * The public check of a results letter, reached from the address printed on it: it confirms the
 * letter's name, endorsement, result, sitting date and association, and nothing more.
 */
export function VerifyLetterPage() {
  const { identifier = '' } = useParams();
  return (
    <Page title="Check a results letter">
      {identifier ? <Verification identifier={identifier} /> : null}
      <IdentifierForm initial={identifier} />
    </Page>
  );
}

function Verification({ identifier }: { identifier: string }) {
  const { state } = useLoad((signal) => verifyLetter(identifier, signal), [identifier]);
  return (
    <section aria-labelledby="verification-heading">
      <h2 id="verification-heading">Letter {identifier}</h2>
      <LoadState state={state} what="the letter" />
      {state.status === 'loaded' &&
        (state.data.status === 'verified' ? (
          <VerifiedDetails letter={state.data.letter} />
        ) : (
          <p className="notice" role="status">
            No letter has this identifier. Check that it was typed exactly as printed on the letter;
            if it was, the letter was not issued by us.
          </p>
        ))}
    </section>
  );
}

function VerifiedDetails({ letter }: { letter: VerifiedLetter }) {
  return (
    <>
      <p className="outcome outcome-passed" role="status">
        This letter was issued by {letter.associationName}. It states:
      </p>
      <dl className="letter-facts">
        <dt>Candidate</dt>
        <dd>{letter.candidateName}</dd>
        <dt>Endorsement</dt>
        <dd>{letter.endorsement}</dd>
        <dt>Result</dt>
        <dd>{letter.passed ? 'Passed' : 'Not passed'}</dd>
        <dt>Sitting date</dt>
        <dd>{dayInWords(letter.sittingDate)}</dd>
        <dt>Association</dt>
        <dd>{letter.associationName}</dd>
      </dl>
    </>
  );
}

function IdentifierForm({ initial }: { initial: string }) {
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = value.trim();
    if (trimmed) void navigate(`/verify/${encodeURIComponent(trimmed)}`);
  }
  return (
    <form onSubmit={submit} aria-labelledby="check-heading">
      <h2 id="check-heading">Check another letter</h2>
      <TextField
        label="Letter identifier"
        hint="The 43 letters, digits, dashes and underscores printed at the foot of the letter."
        value={value}
        onChange={setValue}
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit">Check</button>
    </form>
  );
}
