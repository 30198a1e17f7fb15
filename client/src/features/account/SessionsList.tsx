import type { AccountSession } from '@exam/shared/api';
import { useFormatDate } from '../../lib/dates';

/** The user's live sessions: device, address, created, last seen; each can be ended. */
export function SessionsList({
  sessions,
  onRevoke,
}: {
  sessions: readonly AccountSession[];
  onRevoke(session: AccountSession): void;
}) {
  const when = useFormatDate('—');
  return (
    <table>
      <caption>Where you are signed in</caption>
      <thead>
        <tr>
          <th scope="col">Device</th>
          <th scope="col">Address</th>
          <th scope="col">Signed in</th>
          <th scope="col">Last seen</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((session) => (
          <tr key={session.id}>
            <td>
              {session.device}
              {session.current && <strong> (this session)</strong>}
            </td>
            <td>{session.address ?? '—'}</td>
            <td>{when(session.createdAt)}</td>
            <td>{when(session.lastSeenAt)}</td>
            <td>
              <button type="button" onClick={() => onRevoke(session)}>
                {session.current ? 'Sign out here' : `Sign out ${session.device}`}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
