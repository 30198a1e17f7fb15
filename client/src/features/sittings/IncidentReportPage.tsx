import { Link, useParams } from 'react-router-dom';
import { describeLedgerEntry } from '@exam/shared/domain';
import type { IncidentReport } from '@exam/shared/api';
import { useLoad } from '../../lib/use-load';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { getIncidentReport, incidentReportCsvUrl } from './incident-report.api';

const categoryNames = {
  environment: 'Environment',
  candidate: 'Candidate',
  technical: 'Technical',
  other: 'Other',
} as const;

/** Date and time as the sitting's clocks read them; the page names the zone once, at the top. */
function zonedTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(at);
}

function ReportTable({ report }: { report: IncidentReport }) {
  const { timeZone } = report.sitting;
  if (report.incidents.length === 0) return <p>No incidents were recorded for this sitting.</p>;
  return (
    <table className="incident-report">
      <caption>Incidents, oldest first; times in {timeZone}</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Candidate</th>
          <th scope="col">Category</th>
          <th scope="col">Description</th>
          <th scope="col">Recorded by</th>
          <th scope="col">Time effects</th>
        </tr>
      </thead>
      <tbody>
        {report.incidents.map((incident) => (
          <tr key={incident.id}>
            <td>{zonedTime(incident.at, timeZone)}</td>
            <td>{incident.candidateName ?? 'Whole room'}</td>
            <td>{categoryNames[incident.category]}</td>
            <td>{incident.note}</td>
            <td>{incident.recordedBy}</td>
            <td>
              {incident.effects.length === 0 ? (
                'None'
              ) : (
                <ul className="report-effects">
                  {incident.effects.map((effect) => (
                    <li key={effect.id}>
                      {zonedTime(effect.at, timeZone)}, {effect.candidateName}:{' '}
                      {describeLedgerEntry(effect)}
                      {effect.actor ? ` (by ${effect.actor})` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A sitting's incident report, laid out to print (the site's header and these links are left
 * off the paper) and to download as CSV, for the coordinator to file with the credentialing body.
 */
export function IncidentReportPage() {
  const { id = '' } = useParams();
  const report = useLoad((signal) => getIncidentReport(id, signal), [id]);
  const data = report.state.status === 'loaded' ? report.state.data : null;
  return (
    <Page title={data ? `Incident report – ${data.sitting.name}` : 'Incident report'}>
      <p className="no-print">
        <Link to={`/coordinator/sittings/${id}`}>Back to the sitting</Link>
      </p>
      <LoadState state={report.state} what="the incident report" />
      {data && (
        <>
          <p>
            Generated {zonedTime(data.generatedAt, data.sitting.timeZone)} ({data.sitting.timeZone}
            ). Every incident the proctors recorded, with the changes to candidates&apos; time it
            caused.
          </p>
          <p className="actions no-print">
            <button type="button" onClick={() => window.print()}>
              Print
            </button>
            <a href={incidentReportCsvUrl(id)} download>
              Download as CSV
            </a>
          </p>
          <ReportTable report={data} />
        </>
      )}
    </Page>
  );
}
