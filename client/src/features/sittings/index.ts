/** Sittings: schedule, status, enrolment, proctors and the incident report, as the server's sittings module. */
export { IncidentReportPage } from './IncidentReportPage';
export { SittingDetailPage } from './SittingDetailPage';
export { SittingEditorPage } from './SittingEditorPage';
export { SittingsPage } from './SittingsPage';
