import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Page } from '../../ui/Page';
import { StatusMessage } from '../../ui/FormError';
import { DashboardDialog, type DialogRequest } from './ActionDialogs';
import { AlertsPanel } from './AlertsPanel';
import { CandidateTable } from './CandidateTable';
import { IncidentList } from './IncidentList';
import { LateChangesPanel } from './LateChangesPanel';
import { RoomControls } from './RoomControls';
import { CheckInPanel } from '../check-in';
import { useDashboard } from './use-dashboard';

/**
 * A sitting's live proctoring view: every candidate's state pushed by the server, alerts when a
 * connection drops or an attempt is taken over, and the proctor's actions behind confirmations.
 */
export function ProctorDashboardPage() {
  const { sittingId = '' } = useParams();
  const { client, state } = useDashboard(sittingId);
  const [dialog, setDialog] = useState<DialogRequest | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const sitting = state?.sitting;
  const timeZone = sitting?.timeZone ?? 'UTC';

  return (
    <Page title={sitting ? `Proctoring – ${sitting.name}` : 'Proctoring'}>
      <p>
        <Link to="/proctor">All sittings you proctor</Link>
      </p>
      {state?.finalProblem ? (
        <p role="alert" className="form-error">
          {state.finalProblem}
        </p>
      ) : (
        <p role="status" className="hint">
          {state?.connection === 'open'
            ? 'Live: changes appear as they happen.'
            : state?.connection === 'reconnecting'
              ? 'Connection lost; reconnecting. What you see may be out of date.'
              : 'Connecting…'}
        </p>
      )}
      <StatusMessage message={announcement} />
      {sitting && state && (
        <>
          <RoomControls roomPause={state.roomPause} timeZone={timeZone} onAction={setDialog} />
          <AlertsPanel
            alerts={state.alerts}
            timeZone={timeZone}
            onAcknowledge={(ids) => client?.acknowledge(ids)}
          />
          <section aria-labelledby="candidates-heading">
            <h2 id="candidates-heading">Candidates</h2>
            <CandidateTable
              candidates={state.candidates}
              skewMs={state.skewMs}
              timeZone={timeZone}
              onAction={setDialog}
            />
          </section>
          <section aria-labelledby="incidents-heading">
            <h2 id="incidents-heading">Incidents</h2>
            <IncidentList incidents={state.incidents} timeZone={timeZone} />
          </section>
          <CheckInPanel sittingId={sitting.id} revision={state.checkInRevision} />
          <LateChangesPanel sittingId={sitting.id} timeZone={timeZone} />
          {dialog && (
            <DashboardDialog
              request={dialog}
              sittingId={sitting.id}
              timeZone={timeZone}
              candidates={state.candidates}
              incidents={state.incidents}
              roomPause={state.roomPause}
              onApplied={(candidate) => client?.applyCandidate(candidate)}
              onDone={(message) => {
                setDialog(null);
                if (message) setAnnouncement(message);
              }}
            />
          )}
        </>
      )}
    </Page>
  );
}
