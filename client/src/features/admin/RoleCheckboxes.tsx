import { useId } from 'react';
import { roles as allRoles, type Role } from '@exam/shared/api';
import { roleLabels } from '../auth';

interface RoleCheckboxesProps {
  legend: string;
  selected: readonly Role[];
  /** Roles the signed-in user may change; the others are shown but cannot be ticked or unticked. */
  grantable: readonly Role[];
  onChange(roles: Role[]): void;
}

/** One checkbox per role, in a fieldset with a legend; roles outside the user's remit are disabled. */
export function RoleCheckboxes({ legend, selected, grantable, onChange }: RoleCheckboxesProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const limited = grantable.length < allRoles.length;

  function toggle(role: Role, checked: boolean) {
    const next = checked ? [...selected, role] : selected.filter((r) => r !== role);
    onChange(allRoles.filter((r) => next.includes(r)));
  }

  return (
    <fieldset className="role-checkboxes" aria-describedby={limited ? noteId : undefined}>
      <legend>{legend}</legend>
      {limited && (
        <p id={noteId} className="hint">
          Only an administrator can grant or remove the Coordinator and Administrator roles.
        </p>
      )}
      <ul>
        {allRoles.map((role) => (
          <li key={role}>
            <input
              type="checkbox"
              id={`${id}-${role}`}
              checked={selected.includes(role)}
              disabled={!grantable.includes(role)}
              onChange={(event) => toggle(role, event.target.checked)}
            />
            <label htmlFor={`${id}-${role}`}>{roleLabels[role]}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
