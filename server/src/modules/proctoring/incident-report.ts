import type { IncidentReport } from '@exam/shared/api';
import { describeLedgerEntry, utcToZonedWallTime } from '@exam/shared/domain';
import { toSafeCsv } from '../../lib/csv.js';

/** A date and time as the sitting's clocks read it (the column header names the zone). */
function zoned(at: number, timeZone: string): string {
  const { date, time } = utcToZonedWallTime(new Date(at), timeZone);
  return `${date} ${time}`;
}

/** The file name of a sitting's incident report: its name made safe for a download. */
export function incidentReportFileName(sittingName: string): string {
  const slug = sittingName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${slug || 'sitting'}-incident-report.csv`;
}

/**
 * The incident report as CSV, one row per incident, every cell escaped against formula
 * injection (a proctor's note is free text). Time effects name the candidate, what changed
 * on their clock, when and by whom, so the file stands on its own when filed.
 */
export function incidentReportCsv(report: IncidentReport): string {
  const { timeZone } = report.sitting;
  return toSafeCsv(
    [`Time (${timeZone})`, 'Candidate', 'Category', 'Description', 'Recorded by', 'Time effects'],
    report.incidents.map((incident) => [
      zoned(incident.at, timeZone),
      incident.candidateName ?? 'Whole room',
      incident.category,
      incident.note,
      incident.recordedBy,
      incident.effects
        .map(
          (effect) =>
            `${zoned(effect.at, timeZone)} ${effect.candidateName}: ${describeLedgerEntry(effect)}` +
            (effect.actor ? ` (by ${effect.actor})` : ''),
        )
        .join('; '),
    ]),
  );
}
