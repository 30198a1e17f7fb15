import { useState, type FormEvent } from 'react';
import {
  authorisationImportColumns,
  type AuthorisationImportReport,
  type AuthorisationInput,
} from '@exam/shared/api';
import { categories, examEndorsements, mentorTracks } from '@exam/shared/domain';
import { messageOf } from '../../lib/api';
import { FormError, StatusMessage } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { CheckboxGroup, SelectField, TextAreaField } from '../../ui/fields';
import { createAuthorisation, importAuthorisations } from './bookings.api';

/** A coordinator's entry of one approved application. */
export function AuthorisationEntry({ onSaved }: { onSaved(): void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [examEndorsement, setEndorsement] = useState<string>('IMH-E');
  const [category, setCategory] = useState<string>('mental-health-specialist');
  const [track, setTrack] = useState('');
  const [parts, setParts] = useState<string[]>(['1', '2']);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setStatus(null);
    try {
      const created = await createAuthorisation({
        email,
        name: name.trim() || null,
        examEndorsement: examEndorsement as AuthorisationInput['examEndorsement'],
        category: category as AuthorisationInput['category'],
        track: (track || null) as AuthorisationInput['track'],
        parts: parts.map(Number).sort() as AuthorisationInput['parts'],
        reference: null,
      });
      setStatus(
        created.invited
          ? `${email} is invited; the authorisation waits for them.`
          : `${email} is authorised to test.`,
      );
      setEmail('');
      setName('');
      onSaved();
    } catch (caught) {
      setError(messageOf(caught));
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="entry-heading">
      <h2 id="entry-heading">Authorise a candidate</h2>
      <FormError message={error} />
      <StatusMessage message={status} />
      <TextField
        label="Candidate's email"
        type="email"
        value={email}
        onChange={setEmail}
        required
      />
      <TextField
        label="Applicant's name"
        hint="Needed when the email has no account here: the applicant is invited"
        value={name}
        onChange={setName}
        autoComplete="off"
      />
      <SelectField
        label="Exam endorsement"
        value={examEndorsement}
        onChange={setEndorsement}
        options={examEndorsements.map((e) => ({ value: e, label: e }))}
      />
      <SelectField
        label="Category"
        value={category}
        onChange={setCategory}
        options={categories.map((c) => ({ value: c, label: c.replace(/-/g, ' ') }))}
      />
      <SelectField
        label="Mentor track"
        value={track}
        onChange={setTrack}
        options={[
          { value: '', label: 'None' },
          ...mentorTracks.map((t) => ({ value: t, label: t })),
        ]}
      />
      <CheckboxGroup
        legend="Parts to sit"
        options={[
          { value: '1', label: 'Part One' },
          { value: '2', label: 'Part Two' },
        ]}
        selected={parts}
        onChange={setParts}
      />
      <button type="submit">Authorise</button>
    </form>
  );
}

/** The application system's export: checked row by row, then imported all or nothing. */
export function AuthorisationImport({ onImported }: { onImported(): void }) {
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<AuthorisationImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run(commit: boolean) {
    setError(null);
    try {
      const result = await importAuthorisations(csv, commit);
      setReport(result);
      if (result.committed) onImported();
    } catch (caught) {
      setError(messageOf(caught));
    }
  }
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import approved applications</h2>
      <FormError message={error} />
      <TextAreaField
        label="CSV from the application system"
        hint={`Columns: ${authorisationImportColumns.join(', ')}. Parts: 1, 2 or both.`}
        value={csv}
        onChange={setCsv}
        rows={6}
      />
      <button type="button" onClick={() => void run(false)} disabled={!csv.trim()}>
        Check the file
      </button>{' '}
      <button type="button" onClick={() => void run(true)} disabled={!csv.trim()}>
        Import
      </button>
      {report && <ImportReport report={report} />}
    </section>
  );
}

function ImportReport({ report }: { report: AuthorisationImportReport }) {
  return (
    <div role="status">
      <p>
        {report.committed
          ? `Imported ${report.validCount} authorisations.`
          : `${report.validCount} rows are ready, ${report.errorCount} have problems; nothing was imported.`}
        {report.invited.length > 0 &&
          (report.committed
            ? ` Invited ${report.invited.length} applicants without an account.`
            : ` ${report.invited.length} applicants without an account will be invited.`)}
      </p>
      {report.fileErrors.length > 0 && (
        <ul>
          {report.fileErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {report.rows.some((r) => r.errors.length > 0) && (
        <ul>
          {report.rows
            .filter((r) => r.errors.length > 0)
            .map((r) => (
              <li key={r.line}>
                Line {r.line} ({r.email || 'no email'}): {r.errors.join(' ')}
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}
