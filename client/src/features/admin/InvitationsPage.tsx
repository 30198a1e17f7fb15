import { useState } from 'react';
import type { PendingInvitation } from '@exam/shared/api';
import { formatDate, useViewerZone } from '../../lib/dates';
import { messageOf } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { listInvitations, resendInvitation, revokeInvitation } from './users.api';

/**
 * Who has not accepted their invitation yet (staff added and candidates enrolled alike): resend
 * a fresh link (the old one dies) or revoke one sent by mistake.
 */
export function InvitationsPage() {
  const zone = useViewerZone();
  const { state, reload } = useLoad((signal) => listInvitations(signal), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(invitation: PendingInvitation, action: 'resend' | 'revoke') {
    setBusy(invitation.id);
    setError(null);
    try {
      await (action === 'resend' ? resendInvitation : revokeInvitation)(invitation.id);
      setStatus(
        action === 'resend'
          ? `A new invitation was mailed to ${invitation.email}; the earlier link no longer works.`
          : `The invitation to ${invitation.email} was revoked.`,
      );
      reload();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Page title="Pending invitations">
      <p>People invited to choose a password who have not done so yet. Times in {zone}.</p>
      <FormError message={state.status === 'failed' ? state.message : error} />
      <StatusMessage message={state.status === 'loading' ? 'Loading invitations…' : status} />
      {state.status === 'loaded' && state.data.length === 0 && (
        <p>Everyone invited has accepted.</p>
      )}
      {state.status === 'loaded' && state.data.length > 0 && (
        <table className="data-table">
          <caption>Invitations not yet accepted</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email address</th>
              <th scope="col">Sent</th>
              <th scope="col">Link expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((invitation) => (
              <tr key={invitation.id}>
                <th scope="row">{invitation.displayName}</th>
                <td>{invitation.email}</td>
                <td>{formatDate(invitation.createdAt, zone)}</td>
                <td>
                  {invitation.expired
                    ? `Expired ${formatDate(invitation.expiresAt, zone)}`
                    : formatDate(invitation.expiresAt, zone)}
                </td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-disabled={busy !== null}
                    onClick={() => busy === null && void act(invitation, 'resend')}
                  >
                    Resend<span className="visually-hidden"> to {invitation.email}</span>
                  </button>{' '}
                  <button
                    type="button"
                    className="secondary"
                    aria-disabled={busy !== null}
                    onClick={() => busy === null && void act(invitation, 'revoke')}
                  >
                    Revoke<span className="visually-hidden"> for {invitation.email}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
