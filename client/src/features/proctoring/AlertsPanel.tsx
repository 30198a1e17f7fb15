import { useLayoutEffect, useRef } from 'react';
import type { ProctorAlert } from '@exam/shared/protocol';
import { clockTime } from './format';

interface CandidateAlerts {
  enrolmentId: string;
  name: string;
  /** Newest first. */
  alerts: ProctorAlert[];
  open: ProctorAlert[];
}

/** One group per candidate, the candidate with the newest alert first. */
export function groupAlerts(alerts: readonly ProctorAlert[]): CandidateAlerts[] {
  const groups = new Map<string, CandidateAlerts>();
  for (const alert of [...alerts].sort((a, b) => b.at - a.at)) {
    let group = groups.get(alert.enrolmentId);
    if (!group) {
      group = { enrolmentId: alert.enrolmentId, name: alert.candidateName, alerts: [], open: [] };
      groups.set(alert.enrolmentId, group);
    }
    group.alerts.push(alert);
    if (!alert.acknowledged) group.open.push(alert);
  }
  return [...groups.values()];
}

/** One line per alert: a disconnection says when, and how long it lasted once they are back. */
function AlertLine({ alert, timeZone }: { alert: ProctorAlert; timeZone: string }) {
  const still = alert.kind === 'disconnect' && alert.until === null;
  return (
    <li className={`alert-${alert.kind}`}>
      <time dateTime={new Date(alert.at).toISOString()}>{clockTime(alert.at, timeZone)}</time>{' '}
      {alert.message}
      {still && <strong> Still away.</strong>}
    </li>
  );
}

/**
 * Alerts as a proctor of a room of 200 needs them: at the top only the candidates with an
 * alert nobody has acknowledged, one entry each with their lines; everything else, grouped by
 * candidate, in a collapsed history. Acknowledging is stored, so every proctor agrees.
 */
export function AlertsPanel(props: {
  alerts: readonly ProctorAlert[];
  timeZone: string;
  onAcknowledge(alertIds: string[]): void;
}) {
  const groups = groupAlerts(props.alerts);
  const attention = groups.filter((g) => g.open.length > 0);
  const latest = attention[0]?.open[0];
  // An acknowledged entry leaves the list with its button, and focus fell to the page body; it
  // goes to the entry now in its place (or the heading once none is left), so a proctor can
  // work down the list by keyboard.
  const section = useRef<HTMLElement>(null);
  const acknowledgedAt = useRef<number | null>(null);
  const attentionKey = attention.map((g) => g.enrolmentId).join(' ');
  useLayoutEffect(() => {
    const index = acknowledgedAt.current;
    const active = document.activeElement;
    if (index === null || (active !== null && active !== document.body)) return;
    acknowledgedAt.current = null;
    const buttons = section.current?.querySelectorAll<HTMLElement>('.attention-item button');
    const next =
      buttons && buttons.length > 0 ? buttons[Math.min(index, buttons.length - 1)] : null;
    (next ?? section.current?.querySelector<HTMLElement>('#alerts-heading'))?.focus();
  }, [attentionKey]);
  return (
    <section aria-labelledby="alerts-heading" className="alerts" ref={section}>
      <h2 id="alerts-heading" tabIndex={-1}>
        Needs attention
      </h2>
      {/* Polite: a dropped connection is announced without interrupting the proctor. */}
      <p className="visually-hidden" aria-live="polite">
        {latest ? `${clockTime(latest.at, props.timeZone)}: ${latest.message}` : ''}
      </p>
      {attention.length === 0 ? (
        <p>No candidate needs attention.</p>
      ) : (
        <ul className="attention-list">
          {attention.map((group, index) => (
            <li key={group.enrolmentId} className="attention-item">
              <h3 id={`attention-${group.enrolmentId}`}>
                {group.name}{' '}
                <span className="hint">
                  ({group.open.length === 1 ? '1 alert' : `${group.open.length} alerts`})
                </span>
              </h3>
              <ul className="alert-list">
                {group.open.slice(0, 5).map((alert) => (
                  <AlertLine key={alert.id} alert={alert} timeZone={props.timeZone} />
                ))}
              </ul>
              {group.open.length > 5 && <p className="hint">and {group.open.length - 5} earlier</p>}
              <button
                type="button"
                className="secondary"
                aria-describedby={`attention-${group.enrolmentId}`}
                onClick={() => {
                  acknowledgedAt.current = index;
                  props.onAcknowledge(group.open.map((a) => a.id));
                }}
              >
                Acknowledge
              </button>
            </li>
          ))}
        </ul>
      )}
      <details className="alert-history">
        <summary>Alert history ({props.alerts.length})</summary>
        {groups.length === 0 ? (
          <p>No alerts.</p>
        ) : (
          groups.map((group) => (
            <div key={group.enrolmentId}>
              <h3>{group.name}</h3>
              <ul className="alert-list">
                {group.alerts.map((alert) => (
                  <AlertLine key={alert.id} alert={alert} timeZone={props.timeZone} />
                ))}
              </ul>
            </div>
          ))
        )}
      </details>
    </section>
  );
}
