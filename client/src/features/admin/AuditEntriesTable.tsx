import type { AuditEntrySummary } from '@exam/shared/api';
import { useFormatDate } from '../../lib/dates';

function actorText(entry: AuditEntrySummary): string {
  if (entry.actor) return `${entry.actor.displayName} (${entry.actor.email})`;
  return entry.actorId ? `account ${entry.actorId}` : 'the system';
}

/** One page of entries, newest first. */
export function AuditEntriesTable({ entries }: { entries: readonly AuditEntrySummary[] }) {
  const when = useFormatDate();
  return (
    <table className="data-table audit-entries">
      <caption>Audit entries, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Entry</th>
          <th scope="col">Time</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Subject</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <th scope="row">{entry.id}</th>
            <td>
              <time dateTime={entry.at}>{when(entry.at)}</time>
            </td>
            <td>{actorText(entry)}</td>
            <td>{entry.action}</td>
            <td>
              {entry.subjectType} {entry.subjectId}
            </td>
            <td>
              {Object.keys(entry.details).length === 0 ? (
                '—'
              ) : (
                <code>{JSON.stringify(entry.details)}</code>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
