import { useState } from 'react';
import type { AuditVerifyReport } from '@exam/shared/api';
import { ApiError, messageOf } from '../../lib/api';
import { FormError, StatusMessage } from '../../ui/FormError';
import { AUDIT_EXPORT_URL, verifyAuditChain } from './audit.api';
import { useFormatDate } from '../../lib/dates';

/** Runs the server's verification of the whole chain and shows what it found. */
export function AuditVerifyPanel({ onUnauthenticated }: { onUnauthenticated(): void }) {
  const when = useFormatDate();
  const [report, setReport] = useState<AuditVerifyReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function verify() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await verifyAuditChain());
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) onUnauthenticated();
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const last = report?.lastCheckpoint;
  return (
    <section aria-labelledby="verify-heading" className="audit-verify">
      <h2 id="verify-heading">Verify and export</h2>
      <p className="hint">
        The server walks every entry and checks each against the signed checkpoints of the
        chain&apos;s head. The export carries the checkpoints, so it can be verified offline with
        the public key alone.
      </p>
      <div className="actions">
        <button type="button" aria-disabled={busy} onClick={() => void verify()}>
          Verify the chain
        </button>
        <a className="button-link" href={AUDIT_EXPORT_URL} download>
          Download the log (JSON Lines, with checkpoints)
        </a>
      </div>
      <StatusMessage message={busy ? 'Verifying the chain…' : null} />
      <FormError message={error ?? (report?.firstBreak ? brokenText(report) : null)} />
      {report && (
        <dl className="audit-report" aria-label="Verification result">
          <div>
            <dt>Result</dt>
            <dd>{report.ok ? 'Intact: every entry and checkpoint holds.' : 'Broken'}</dd>
          </div>
          <div>
            <dt>Entries</dt>
            <dd>{report.entries}</dd>
          </div>
          <div>
            <dt>Head</dt>
            <dd>
              {report.head ? (
                <>
                  entry {report.head.id}, hash <code>{report.head.hash}</code>
                </>
              ) : (
                'no entries'
              )}
            </dd>
          </div>
          <div>
            <dt>Last checkpoint</dt>
            <dd>
              {last
                ? `${last.count} entries up to entry ${last.headId}, signed ${when(last.signedAt)} with key ${last.keyId} (${report.checkpoints} in all)`
                : 'none yet'}
            </dd>
          </div>
          <div>
            <dt>First break</dt>
            <dd>{report.firstBreak ? brokenText(report) : 'none'}</dd>
          </div>
          <div>
            <dt>Verify an export offline</dt>
            <dd>
              <code>npm run audit:verify -- FILE --key {report.publicKey}</code>
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}

function brokenText(report: AuditVerifyReport): string {
  const broken = report.firstBreak;
  return broken ? `The chain is broken at entry ${broken.atId}: ${broken.reason}.` : '';
}
