import type { EnrolmentImportReport } from '@exam/shared/api';
import { variantLabels } from '../../lib/labels';

/** The validation report: one line per row, with what importing it does or why it cannot. */
export function ImportReportTable({ report }: { report: EnrolmentImportReport }) {
  const summary = report.committed
    ? `${report.validCount} rows imported.`
    : report.errorCount + report.fileErrors.length === 0
      ? `All ${report.validCount} rows are valid and ready to import.`
      : `${report.errorCount} of ${report.rows.length} rows have problems; nothing will be imported until they are fixed.`;
  return (
    <div className="import-report">
      <p role="status">{summary}</p>
      {report.fileErrors.length > 0 && (
        <ul className="problems" aria-label="Problems with the file">
          {report.fileErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {report.rows.length > 0 && (
        <table className="data-table">
          <caption>Rows in the file</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Email address</th>
              <th scope="col">Name</th>
              <th scope="col">Form and variant</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.line} className={row.errors.length > 0 ? 'row-error' : undefined}>
                <th scope="row">{row.line}</th>
                <td>{row.email}</td>
                <td>{row.displayName}</td>
                <td>
                  {row.examEndorsement && row.variant
                    ? `${row.examEndorsement}, ${variantLabels[row.variant]}`
                    : '—'}
                </td>
                <td>
                  {row.errors.length > 0 ? (
                    <ul className="row-errors">
                      {row.errors.map((e) => (
                        <li key={e}>{e}</li>
                      ))}
                    </ul>
                  ) : row.action === 'create-and-enrol' ? (
                    'Create account and enrol'
                  ) : (
                    'Enrol'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
