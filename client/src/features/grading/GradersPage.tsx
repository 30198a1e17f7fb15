import { useState, type FormEvent } from 'react';
import type { GraderSummary } from '@exam/shared/api';
import { variants, type Variant } from '@exam/shared/domain';
import { ApiError, messageOf } from '../../lib/api';
import { variantLabels } from '../../lib/labels';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { useCanEditProgrammeContent, useSession } from '../auth';
import { addConflict, listGraders, removeConflict, updateGrader } from './grading.api';

/** Coordinators: which variants each grader may score, who adjudicates, declared conflicts. */
export function GradersPage() {
  const { state, set: replace } = useLoad((signal) => listGraders(signal), []);
  const upsert = (grader: GraderSummary) => {
    if (state.status !== 'loaded') return;
    replace(state.data.map((g) => (g.id === grader.id ? grader : g)));
  };
  return (
    <Page title="Graders">
      <p className="lead">
        Each response goes to two graders qualified for its variant; a disagreement goes to an
        adjudicator. Graders with the grader role appear here.
      </p>
      {state.status === 'loading' && <p role="status">Loading graders…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' &&
        (state.data.length === 0 ? (
          <p>Nobody holds the grader role yet.</p>
        ) : (
          state.data.map((grader) => (
            <GraderCard key={grader.id} grader={grader} onSaved={upsert} />
          ))
        ))}
    </Page>
  );
}

function GraderCard({
  grader,
  onSaved,
}: {
  grader: GraderSummary;
  onSaved(grader: GraderSummary): void;
}) {
  const { expired } = useSession();
  // Qualifications are the programme's; coordinators see them and declare conflicts.
  const canQualify = useCanEditProgrammeContent();
  const [chosen, setChosen] = useState<Variant[]>(grader.variants);
  const [adjudicator, setAdjudicator] = useState(grader.adjudicator);
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const headingId = `grader-${grader.id}`;

  async function run(action: () => Promise<GraderSummary>, done: string) {
    setError(null);
    setStatus(null);
    try {
      onSaved(await action());
      setStatus(done);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) expired();
      setError(messageOf(caught));
    }
  }

  function save(event: FormEvent) {
    event.preventDefault();
    void run(
      () => updateGrader(grader.id, { variants: chosen, adjudicator }),
      `Saved ${grader.displayName}'s qualifications.`,
    );
  }

  function declare(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const saved = await addConflict(grader.id, {
        candidateEmail: email.trim().toLowerCase(),
        reason: reason.trim(),
      });
      setEmail('');
      setReason('');
      return saved;
    }, `Recorded a conflict for ${grader.displayName}.`);
  }

  return (
    <section className="grader-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{grader.displayName}</h2>
      <p className="hint">
        {grader.email}. {grader.workload.submitted} of {grader.workload.assigned} readings
        submitted.
      </p>
      <form className="form" onSubmit={save} aria-label={`Qualifications of ${grader.displayName}`}>
        <fieldset className="role-checkboxes" disabled={!canQualify}>
          <legend>Qualified to score</legend>
          <ul>
            {variants.map((variant) => (
              <li key={variant}>
                <input
                  type="checkbox"
                  id={`${headingId}-${variant}`}
                  checked={chosen.includes(variant)}
                  onChange={(event) =>
                    setChosen((current) =>
                      event.target.checked
                        ? [...current, variant]
                        : current.filter((v) => v !== variant),
                    )
                  }
                />
                <label htmlFor={`${headingId}-${variant}`}>{variantLabels[variant]}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="checkbox-row">
          <input
            type="checkbox"
            id={`${headingId}-adjudicator`}
            checked={adjudicator}
            disabled={!canQualify}
            onChange={(event) => setAdjudicator(event.target.checked)}
          />
          <label htmlFor={`${headingId}-adjudicator`}>Adjudicator (third reader)</label>
        </div>
        {canQualify ? (
          <>
            <p className="hint">
              Taking a variant (or third readings) away gives the readings of it this grader has not
              submitted to other graders; submitted ones stand.
            </p>
            <button type="submit">Save qualifications</button>
          </>
        ) : (
          <p className="hint">Administrators and coordinators set graders’ qualifications.</p>
        )}
      </form>
      <h3>Conflicts of interest</h3>
      {grader.conflicts.length === 0 ? (
        <p>None declared.</p>
      ) : (
        <ul className="conflict-list">
          {grader.conflicts.map((c) => (
            <li key={c.candidateEmail}>
              {c.candidateName ? `${c.candidateName} (${c.candidateEmail})` : c.candidateEmail}:{' '}
              {c.reason}{' '}
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  void run(
                    () => removeConflict(grader.id, c.candidateEmail),
                    `Removed the conflict with ${c.candidateEmail}.`,
                  )
                }
              >
                Remove conflict with {c.candidateEmail}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form"
        onSubmit={declare}
        aria-label={`Add a conflict for ${grader.displayName}`}
      >
        <TextField
          label="Candidate email address"
          type="email"
          required
          value={email}
          onChange={setEmail}
        />
        <TextField label="Reason" required value={reason} onChange={setReason} />
        <button type="submit" className="secondary">
          Add conflict
        </button>
      </form>
      <FormError message={error} />
      <StatusMessage message={status} />
    </section>
  );
}
