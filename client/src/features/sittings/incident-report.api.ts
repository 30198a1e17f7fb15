import { incidentReportSchema, type IncidentReport } from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

const reportUrl = (sittingId: string) =>
  `/api/proctoring/sittings/${id(sittingId)}/incident-report`;

/** A sitting's incident report: every incident with the time effects it caused. */
export function getIncidentReport(
  sittingId: string,
  signal?: AbortSignal,
): Promise<IncidentReport> {
  return apiRequest(reportUrl(sittingId), {
    schema: incidentReportSchema,
    ...withSignal(signal),
  });
}

/** The same report as CSV, to file with the credentialing body. */
export const incidentReportCsvUrl = (sittingId: string) => `${reportUrl(sittingId)}.csv`;
