import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { VerifiedLetter } from '@exam/shared/api';
import { useLoad } from '../../lib/use-load';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { verifyLetter } from './verify.api';

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
        This identifier belongs to a results letter we issued. Compare the letter you hold with what
        it states:
      </p>
      <dl className="letter-facts">
        <dt>Identifier</dt>
        <dd>{letter.identifier}</dd>
        <dt>Endorsement</dt>
        <dd>{letter.endorsement}</dd>
        <dt>Result</dt>
        <dd>{letter.passed ? 'Passed' : 'Not passed'}</dd>
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
