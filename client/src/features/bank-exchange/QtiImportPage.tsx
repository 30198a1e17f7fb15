import { useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { Link } from 'react-router-dom';
import { QTI_PACKAGE_MAX_BYTES, type QtiImportPreview } from '@exam/shared/api';
import { domainAgeBandLabel } from '@exam/shared/domain';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { ProgrammeContentNote, useCanEditProgrammeContent } from '../auth';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { useSaver } from '../../lib/use-load';
import { bankExportUrl, confirmQtiImport, previewQtiImport } from './bank-exchange.api';

const actionLabels = { create: 'New item (draft)', update: 'New draft of', unchanged: 'No change' };

/**
 * The bank in and out as QTI 3.0 (/coordinator/bank/exchange): download the bank, or choose a
 * package, read what it would create, update and refuse (with reasons), and only then import.
 */
export function QtiImportPage() {
  const save = useSaver();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<QtiImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canEdit = useCanEditProgrammeContent();

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    setPreview(null);
    setDone(null);
    setError(null);
    setFile(chosen);
    if (!chosen) return;
    if (chosen.size > QTI_PACKAGE_MAX_BYTES) {
      setError('The package is larger than 20 MB; split it into smaller packages.');
      return;
    }
    setBusy(true);
    const result = await save(() => previewQtiImport(chosen));
    setBusy(false);
    if (result.ok) setPreview(result.value);
    else setError(result.message);
  }

  async function confirm() {
    if (!file || !preview || busy) return;
    setBusy(true);
    const result = await save(() => confirmQtiImport(file, preview.planDigest));
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    const { create, update } = result.value.counts;
    setDone(`Imported: ${create} new item${create === 1 ? '' : 's'}, ${update} updated.`);
    setPreview(null);
    setFile(null);
    if (fileInput.current) {
      fileInput.current.value = '';
      // The Confirm button is gone with the preview: focus goes back to the file, for the next.
      fileInput.current.focus();
    }
  }

  const changes = preview ? preview.counts.create + preview.counts.update : 0;
  return (
    <Page title="Item bank exchange (QTI 3.0)">
      <ConsoleNav />
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">Export</h2>
        <p>
          <a href={bankExportUrl} download>
            Download the item bank as a QTI 3.0 package
          </a>{' '}
          (every item version, with keys, and every form as a test; the download is audited).
        </p>
      </section>
      {!canEdit && <ProgrammeContentNote what="The bank’s items" />}
      {canEdit && (
        <section aria-labelledby="import-heading" className="form">
          <h2 id="import-heading">Import</h2>
          <p className="hint" id="qti-hint">
            A QTI 3.0 content package (zip with imsmanifest.xml), up to 20 MB. Single-choice items
            with four choices, a correct response, a competency domain and an age band are taken;
            items from other tools arrive as drafts to review and publish. Nothing changes until you
            confirm.
          </p>
          <div className="field">
            <label htmlFor="qti-file">QTI package</label>
            <input
              ref={fileInput}
              id="qti-file"
              type="file"
              accept=".zip,application/zip"
              aria-describedby="qti-hint"
              onChange={(e) => void choose(e)}
            />
          </div>
          {busy && <p role="status">Reading the package…</p>}
          <FormError message={error} />
          {preview && <ImportPreview preview={preview} />}
          {preview && changes > 0 && (
            <button type="button" aria-disabled={busy} onClick={() => void confirm()}>
              Confirm import of {changes} item{changes === 1 ? '' : 's'}
            </button>
          )}
          <StatusMessage message={done} />
        </section>
      )}
    </Page>
  );
}

function ImportPreview({ preview }: { preview: QtiImportPreview }) {
  const { counts } = preview;
  return (
    <>
      <h3>Preview</h3>
      <p>
        {counts.create} to create, {counts.update} to update, {counts.unchanged} unchanged,{' '}
        {counts.refused} refused.
      </p>
      {preview.items.length > 0 && (
        <table>
          <caption>Items the import will take</caption>
          <thead>
            <tr>
              <th scope="col">Identifier</th>
              <th scope="col">Action</th>
              <th scope="col">Question</th>
              <th scope="col">Domain, age band</th>
            </tr>
          </thead>
          <tbody>
            {preview.items.map((item) => (
              <tr key={item.file}>
                <td>{item.identifier}</td>
                <td>
                  {actionLabels[item.action]}
                  {item.itemId && item.action === 'update' && (
                    <>
                      {' '}
                      <Link to={`/coordinator/bank/items/${item.itemId}`}>the bank item</Link>
                    </>
                  )}
                </td>
                <td>{item.stem}</td>
                <td>{domainAgeBandLabel(item.domain, item.ageBand)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.refused.length > 0 && (
        <table>
          <caption>Entries the import cannot take</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Identifier</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {preview.refused.map((refusal) => (
              <tr key={`${refusal.file}|${refusal.identifier ?? ''}`}>
                <td>{refusal.file}</td>
                <td>{refusal.identifier ?? '(none)'}</td>
                <td>{refusal.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
