import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { Role, UserSummary } from '@exam/shared/api';
import { ApiError, messageOf } from '../../lib/api';
import { FormError } from '../../ui/FormError';
import { RoleCheckboxes } from './RoleCheckboxes';
import { setUserRoles } from './users.api';

interface RolesEditorProps {
  user: UserSummary;
  grantable: readonly Role[];
  onSaved(user: UserSummary): void;
  onCancel(): void;
  onUnauthenticated(): void;
}

/** Changes one user's roles; opens with focus on the first role the signed-in user may change. */
export function RolesEditor({
  user,
  grantable,
  onSaved,
  onCancel,
  onUnauthenticated,
}: RolesEditorProps) {
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input:not([disabled])')?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await setUserRoles(user.id, roles));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) onUnauthenticated();
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <form
      ref={formRef}
      className="roles-editor"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <RoleCheckboxes
        legend={`Roles for ${user.displayName}`}
        selected={roles}
        grantable={grantable}
        onChange={setRoles}
      />
      <FormError message={error} />
      <div className="actions">
        <button type="submit" aria-disabled={busy}>
          {busy ? 'Saving…' : 'Save roles'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
