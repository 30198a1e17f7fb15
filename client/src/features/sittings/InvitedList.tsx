import type { InvitedCandidate } from '@exam/shared/api';
import { Link } from 'react-router-dom';

/**
 * Addresses just invited: each chooses a password through the mailed link. Nothing secret is
 * shown here; who has not accepted yet is on the invitations page.
 */
export function InvitedList({ invited }: { invited: InvitedCandidate[] }) {
  if (invited.length === 0) return null;
  return (
    <div className="notice new-accounts">
      <p>
        An invitation to choose a password was mailed to{' '}
        {invited.length === 1 ? 'this address' : 'these addresses'}. Each signs in once they have
        chosen their password; see who has not yet under{' '}
        <Link to="/admin/invitations">Pending invitations</Link>.
      </p>
      <ul aria-label="Invited addresses">
        {invited.map((a) => (
          <li key={a.email}>{a.email}</li>
        ))}
      </ul>
    </div>
  );
}
