import { useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import type { EnrolmentImportReport } from '@exam/shared/api';
import { readTextFile } from '../../lib/text-file';
import { useSaver } from '../../lib/use-load';
import { CheckboxField } from '../../ui/fields';
import { FormError, StatusMessage } from '../../ui/FormError';
import { ImportReportTable } from './ImportReportTable';
import { InvitedList } from './InvitedList';
import { importEnrolments } from './sittings.api';

const MAX_BYTES = 500_000;

/**
 * Enrolment by CSV: choose a file, read the report on every row, then import the rows together.
 * The server checks again on import; nothing is saved unless every row is valid.
 */
export function CsvImportPanel({
  sittingId,
  onImported,
}: {
  sittingId: string;
  onImported(): void;
}) {
  const save = useSaver();
  const fileInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [createAccounts, setCreateAccounts] = useState(false);
  const [report, setReport] = useState<EnrolmentImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function check(text: string, create: boolean) {
    setBusy(true);
    const result = await save(() =>
      importEnrolments(sittingId, { csv: text, createAccounts: create, commit: false }),
    );
    setBusy(false);
    if (!result.ok) setError(result.message);
    else setReport(result.value);
  }

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setReport(null);
    setDone(null);
    setError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setError('The file is larger than 500 kB: split it into smaller files.');
      return;
    }
    const text = await readTextFile(file);
    setCsv(text);
    setFileName(file.name);
    await check(text, createAccounts);
  }

  async function toggleCreate(on: boolean) {
    setCreateAccounts(on);
    if (csv) await check(csv, on);
  }

  async function commit() {
    if (!csv || busy) return;
    setBusy(true);
    const result = await save(() =>
      importEnrolments(sittingId, { csv, createAccounts, commit: true }),
    );
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setReport(result.value);
    // The Import button goes away with the report it belonged to: keep a keyboard user in this
    // panel (the outcome is announced by the status or the report) instead of the page's top.
    heading.current?.focus();
    if (result.value.committed) {
      setDone(`Imported ${result.value.validCount} candidates from ${fileName}.`);
      setCsv(null);
      if (fileInput.current) fileInput.current.value = '';
      onImported();
    } else {
      setError('Nothing was imported: the rows changed meanwhile. Read the report below.');
    }
  }

  const importable =
    report && !report.committed && report.errorCount === 0 && report.fileErrors.length === 0;
  return (
    <section aria-labelledby="csv-heading" className="form">
      <h2 id="csv-heading" ref={heading} tabIndex={-1}>
        Enrol from a CSV file
      </h2>
      <p className="hint" id="csv-hint">
        Columns: email, name, endorsement (IMH-E, ECMH-E or IECMH-E), category
        (mental-health-specialist or mental-health-mentor), track (clinical, policy or
        research-faculty, for Mentors) and exam_endorsement (IMH-E or ECMH-E, for IECMH-E
        candidates). Nothing is saved until every row is valid.
      </p>
      <CheckboxField
        label="Create accounts for emails that have none"
        checked={createAccounts}
        onChange={(on) => void toggleCreate(on)}
      />
      <div className="field">
        <label htmlFor="csv-file">CSV file</label>
        <input
          ref={fileInput}
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="csv-hint"
          onChange={(e) => void chooseFile(e)}
        />
      </div>
      {busy && <p role="status">Checking the file…</p>}
      <FormError message={error} />
      {report && <ImportReportTable report={report} />}
      {importable && (
        <button type="button" aria-disabled={busy} onClick={() => void commit()}>
          Import {report.validCount} candidate{report.validCount === 1 ? '' : 's'}
        </button>
      )}
      <StatusMessage message={done} />
      {report?.committed && <InvitedList invited={report.invited} />}
    </section>
  );
}
