import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  enrolOneRequestSchema,
  type CandidateSummary,
  type InvitedCandidate,
} from '@exam/shared/api';
import { useLoad, useSaver } from '../../lib/use-load';
import { RadioGroup, SelectField } from '../../ui/fields';
import { FormError, StatusMessage } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { listCandidates } from '../candidates';
import { CredentialFields, type Credential } from './CredentialFields';
import { InvitedList } from './InvitedList';
import { enrolOne } from './sittings.api';

const blankCredential: Credential = {
  endorsement: 'IMH-E',
  category: 'mental-health-specialist',
  track: null,
  examEndorsement: null,
};

function credentialOf(c: CandidateSummary | undefined): Credential {
  if (!c?.profile) return blankCredential;
  return { ...c.profile, examEndorsement: null };
}

/** Enrols one candidate: an existing account, or a new one created on the spot. */
export function EnrolOneForm({ sittingId, onEnrolled }: { sittingId: string; onEnrolled(): void }) {
  const save = useSaver();
  const candidates = useLoad((signal) => listCandidates(signal), []);
  const [kind, setKind] = useState<'existing' | 'new'>('existing');
  const [candidateId, setCandidateId] = useState('');
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [credential, setCredential] = useState<Credential>(blankCredential);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [account, setAccount] = useState<InvitedCandidate | null>(null);
  const [busy, setBusy] = useState(false);
  const people = candidates.state.status === 'loaded' ? candidates.state.data : [];

  function pick(id: string) {
    setCandidateId(id);
    setCredential(credentialOf(people.find((p) => p.id === id)));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const parsed = enrolOneRequestSchema.safeParse({
      ...credential,
      candidate: kind === 'existing' ? { kind, candidateId } : { kind, email, displayName },
    });
    setDone(null);
    setAccount(null);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(
        kind === 'existing' && issue?.path.includes('candidateId')
          ? 'Candidate: choose a candidate.'
          : `Check the form: ${issue?.message ?? 'a field is missing'}.`,
      );
      return;
    }
    setBusy(true);
    const result = await save(() => enrolOne(sittingId, parsed.data));
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    const { enrolment, invited } = result.value;
    setDone(
      enrolment
        ? `Enrolled ${enrolment.displayName} for the ${enrolment.examEndorsement} form.`
        : `Invited ${invited?.email ?? 'the candidate'} for the ${parsed.data.examEndorsement ?? parsed.data.endorsement} form.`,
    );
    setAccount(invited);
    setCandidateId('');
    setEmail('');
    setDisplayName('');
    if (kind === 'new') candidates.reload();
    onEnrolled();
  }

  return (
    <form
      className="form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="enrol-one-heading"
    >
      <h2 id="enrol-one-heading">Enrol one candidate</h2>
      <RadioGroup
        legend="Who"
        name="enrol-kind"
        value={kind}
        onChange={(v) => setKind(v as 'existing' | 'new')}
        options={[
          { value: 'existing', label: 'A candidate with an account' },
          { value: 'new', label: 'Someone new: create their account' },
        ]}
      />
      {kind === 'existing' ? (
        <SelectField
          label="Candidate"
          value={candidateId}
          onChange={pick}
          options={[
            {
              value: '',
              label: candidates.state.status === 'loading' ? 'Loading…' : 'Choose a candidate',
            },
            ...people.map((p) => ({ value: p.id, label: `${p.displayName} (${p.email})` })),
          ]}
        />
      ) : (
        <>
          <TextField
            label="Email address"
            type="email"
            autoComplete="off"
            value={email}
            onChange={setEmail}
          />
          <TextField
            label="Full name"
            autoComplete="off"
            value={displayName}
            onChange={setDisplayName}
          />
        </>
      )}
      <CredentialFields value={credential} onChange={setCredential} />
      <FormError message={error} />
      <button type="submit" aria-disabled={busy}>
        {busy ? 'Enrolling…' : 'Enrol'}
      </button>
      <StatusMessage message={done} />
      {account && <InvitedList invited={[account]} />}
    </form>
  );
}
