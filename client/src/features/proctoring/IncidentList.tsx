import { describeLedgerEntry } from '@exam/shared/domain';
import type { Incident } from '@exam/shared/protocol';
import { categoryLabels } from './IncidentDialog';
import { clockTime } from './format';

/** The sitting's incidents, newest first, each with the time-ledger entries it caused. */
export function IncidentList(props: { incidents: readonly Incident[]; timeZone: string }) {
  const { timeZone } = props;
  if (props.incidents.length === 0) return <p>No incidents recorded.</p>;
  return (
    <ul className="incident-list">
      {props.incidents.map((incident) => (
        <li key={incident.id}>
          <time dateTime={new Date(incident.at).toISOString()}>
            {clockTime(incident.at, timeZone)}
          </time>{' '}
          <strong>{categoryLabels[incident.category]}</strong>
          {incident.candidateName ? ` – ${incident.candidateName}` : ' – whole room'}:{' '}
          {incident.note} <span className="hint">({incident.recordedBy})</span>
          {incident.effects.length > 0 && (
            <ul className="incident-effects" aria-label="Time effects">
              {incident.effects.map((effect) => (
                <li key={effect.id}>
                  <time dateTime={new Date(effect.at).toISOString()}>
                    {clockTime(effect.at, timeZone)}
                  </time>{' '}
                  {effect.candidateName}: {describeLedgerEntry(effect)}
                  {effect.actor ? ` (${effect.actor})` : ''}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
