import { useEffect, useRef, useState } from 'react';
import type { Role, UserSummary } from '@exam/shared/api';
import { roleLabels } from '../auth';
import { RolesEditor } from './RolesEditor';
import { TwoFactorResetButton } from './TwoFactorResetButton';

interface UsersTableProps {
  users: readonly UserSummary[];
  grantable: readonly Role[];
  onSaved(user: UserSummary): void;
  onUnauthenticated(): void;
  /** Administrators only: a reset of the user's second factor, with its outcome. */
  twoFactorReset?: { onDone(message: string): void; onError(message: string): void };
}

function rolesText(roles: readonly Role[]): string {
  return roles.length === 0 ? 'None' : roles.map((r) => roleLabels[r]).join(', ');
}

/** Every account, with a role editor that opens in place of the user's roles. */
export function UsersTable({
  users,
  grantable,
  onSaved,
  onUnauthenticated,
  twoFactorReset,
}: UsersTableProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const focusAfterClose = useRef<string | null>(null);

  // Back to the button that opened the editor, once a commit has rendered it again.
  useEffect(() => {
    const userId = focusAfterClose.current;
    const button = userId ? buttons.current.get(userId) : undefined;
    if (!button) return;
    focusAfterClose.current = null;
    button.focus();
  });

  function close(userId: string) {
    focusAfterClose.current = userId;
    setEditing(null);
  }

  return (
    <table className="users">
      <caption className="visually-hidden">All users</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email address</th>
          <th scope="col">Roles</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id}>
            <th scope="row">
              {user.displayName}
              {user.disabled && <span className="hint"> (disabled)</span>}
            </th>
            <td>{user.email}</td>
            <td>
              {editing === user.id ? (
                <RolesEditor
                  user={user}
                  grantable={grantable}
                  onSaved={(saved) => {
                    onSaved(saved);
                    close(user.id);
                  }}
                  onCancel={() => close(user.id)}
                  onUnauthenticated={onUnauthenticated}
                />
              ) : (
                rolesText(user.roles)
              )}
            </td>
            <td>
              {editing !== user.id && (
                <button
                  type="button"
                  className="secondary"
                  ref={(node) => {
                    if (node) buttons.current.set(user.id, node);
                    else buttons.current.delete(user.id);
                  }}
                  onClick={() => setEditing(user.id)}
                >
                  Change roles<span className="visually-hidden"> for {user.displayName}</span>
                </button>
              )}
              {editing !== user.id && twoFactorReset && !user.roles.includes('candidate') && (
                <>
                  {' '}
                  <TwoFactorResetButton user={user} {...twoFactorReset} />
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
