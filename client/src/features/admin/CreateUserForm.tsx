import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  createUserRequestSchema,
  isAssociationRole,
  type AssociationRef,
  type Role,
  type UserSummary,
} from '@exam/shared/api';
import { ApiError, messageOf } from '../../lib/api';
import { FormError, StatusMessage } from '../../ui/FormError';
import { SelectField } from '../../ui/fields';
import { TextField } from '../../ui/TextField';
import { RoleCheckboxes } from './RoleCheckboxes';
import { createUser } from './users.api';

interface CreateUserFormProps {
  grantable: readonly Role[];
  /** Where association roles may be held; a choice is offered when there are several. */
  associations: readonly AssociationRef[];
  onCreated(user: UserSummary): void;
  onUnauthenticated(): void;
}

const fieldNames: Record<string, string> = {
  email: 'Email address',
  displayName: 'Display name',
  password: 'Password',
  roles: 'Roles',
};

/** Checks the form against the shared request schema and words the first problem for people. */
function firstProblem(input: unknown): string | null {
  const parsed = createUserRequestSchema.safeParse(input);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  if (field === 'roles') return 'Roles: choose at least one role.';
  if (field === 'email') return 'Email address: enter a valid email address.';
  return `${fieldNames[field] ?? 'Form'}: ${issue?.message ?? 'check this field.'}`;
}

/**
 * Creates an account with its roles: invited by mail to choose a password (the default), or with
 * a first password given here. Association roles (candidate, proctor,
 * coordinator) are held in one association: an admin of several chooses which.
 */
export function CreateUserForm({
  grantable,
  associations,
  onCreated,
  onUnauthenticated,
}: CreateUserFormProps) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [associationId, setAssociationId] = useState('');
  const choosesAssociation = associations.length > 1 && roles.some(isAssociationRole);
  const heldIn = associationId || associations[0]?.id || '';
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const input = {
      email,
      displayName,
      // Empty: the server mails an invitation to choose one.
      ...(password ? { password } : {}),
      roles,
      ...(choosesAssociation && heldIn ? { associationId: heldIn } : {}),
    };
    const problem = firstProblem(input);
    setError(problem);
    setCreated(null);
    if (problem) return;
    setBusy(true);
    try {
      const user = await createUser(createUserRequestSchema.parse(input));
      onCreated(user);
      setCreated(
        password
          ? `Created ${user.displayName} (${user.email}).`
          : `Created ${user.displayName} (${user.email}) and mailed an invitation to choose a password.`,
      );
      setEmail('');
      setDisplayName('');
      setPassword('');
      setRoles([]);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) onUnauthenticated();
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="create-user-heading"
    >
      <h2 id="create-user-heading">Create a user</h2>
      <TextField
        label="Email address"
        type="email"
        autoComplete="off"
        required
        value={email}
        onChange={setEmail}
      />
      <TextField
        label="Display name"
        autoComplete="off"
        required
        value={displayName}
        onChange={setDisplayName}
      />
      <TextField
        label="Password (optional)"
        type="password"
        autoComplete="new-password"
        hint="Leave empty to mail an invitation to choose one. Otherwise at least 12 characters, given to the person privately."
        value={password}
        onChange={setPassword}
      />
      <RoleCheckboxes legend="Roles" selected={roles} grantable={grantable} onChange={setRoles} />
      {choosesAssociation && (
        <SelectField
          label="Association"
          hint="Where the candidate, proctor and coordinator roles are held."
          value={heldIn}
          onChange={setAssociationId}
          options={associations.map((a) => ({ value: a.id, label: `${a.shortName} (${a.name})` }))}
        />
      )}
      <FormError message={error} />
      <button type="submit" aria-disabled={busy}>
        {busy ? 'Creating…' : 'Create user'}
      </button>
      <StatusMessage message={created} />
    </form>
  );
}
