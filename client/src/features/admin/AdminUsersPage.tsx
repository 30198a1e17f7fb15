import { useEffect, useState } from 'react';
import type { UserSummary } from '@exam/shared/api';
import { ApiError, messageOf } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { useSession } from '../auth';
import { CreateUserForm } from './CreateUserForm';
import { grantableRoles } from './grantable';
import { UsersTable } from './UsersTable';
import { listGrantAssociations, listUsers } from './users.api';

type Listing =
  | { status: 'loading' }
  | { status: 'loaded'; users: UserSummary[] }
  | { status: 'failed'; message: string };

/** Accounts and their roles, for admins and coordinators. */
export function AdminUsersPage() {
  const { state, expired } = useSession();
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const grantAssociations = useLoad(listGrantAssociations, []);

  useEffect(() => {
    const controller = new AbortController();
    listUsers(controller.signal).then(
      (users) => {
        if (!controller.signal.aborted) setListing({ status: 'loaded', users });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) expired();
        setListing({ status: 'failed', message: messageOf(error) });
      },
    );
    return () => controller.abort();
  }, [expired]);

  if (state.status !== 'signed-in') return null;
  const grantable = grantableRoles(state.session.user.roles);

  function upsert(user: UserSummary) {
    setListing((current) => {
      if (current.status !== 'loaded') return current;
      const users = current.users.some((u) => u.id === user.id)
        ? current.users.map((u) => (u.id === user.id ? user : u))
        : [...current.users, user];
      return { status: 'loaded', users };
    });
  }

  return (
    <Page title="Users and roles">
      <CreateUserForm
        grantable={grantable}
        associations={
          grantAssociations.state.status === 'loaded' ? grantAssociations.state.data : []
        }
        onUnauthenticated={expired}
        onCreated={upsert}
      />
      <section aria-labelledby="users-heading" className="users-section">
        <h2 id="users-heading">Users</h2>
        <StatusMessage message={status} />
        <FormError message={error} />
        {listing.status === 'loading' && <p role="status">Loading users…</p>}
        {listing.status === 'failed' && <FormError message={listing.message} />}
        {listing.status === 'loaded' && (
          <UsersTable
            users={listing.users}
            grantable={grantable}
            onUnauthenticated={expired}
            onSaved={(user) => {
              upsert(user);
              setError(null);
              setStatus(`Saved the roles of ${user.displayName}.`);
            }}
            {...(state.session.user.roles.includes('admin')
              ? {
                  twoFactorReset: {
                    onDone: (message: string) => {
                      setError(null);
                      setStatus(message);
                    },
                    onError: setError,
                  },
                }
              : {})}
          />
        )}
      </section>
    </Page>
  );
}
