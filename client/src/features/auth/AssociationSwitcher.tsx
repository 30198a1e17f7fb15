import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CurrentUser } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { actForAssociation } from './auth.api';
import { useSession } from './session-context';

/**
 * Set when a switch reloads the session: the header (and this form) unmounts while the session
 * is read again, so the new form takes focus back where the keyboard user left it.
 */
let focusAfterReload = false;

/**
 * The association the user acts for and, for someone who works for more than one, a form to
 * act for another. A select and a button (not a select that acts on change), so moving through
 * the options by keyboard never switches by accident. After switching the session is read
 * again, so every page reloads its data in the association now acted for.
 */
export function AssociationSwitcher({ user }: { user: CurrentUser }) {
  const { reload } = useSession();
  const selectId = useId();
  const [chosen, setChosen] = useState(user.association?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectRef = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (!focusAfterReload) return;
    focusAfterReload = false;
    selectRef.current?.focus();
  }, []);

  if (user.memberships.length === 0) return null;
  const acting = user.association;

  if (user.memberships.length === 1 && acting) {
    return (
      <span className="acting-association">
        For <abbr title={acting.name}>{acting.shortName}</abbr>
      </span>
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !chosen || chosen === acting?.id) return;
    setBusy(true);
    setError(null);
    try {
      await actForAssociation(chosen);
      focusAfterReload = true;
      reload();
    } catch (failure) {
      setError(`Could not switch: ${messageOf(failure)}`);
      setBusy(false);
    }
  }

  return (
    <form
      className="association-switcher"
      aria-label="Association you act for"
      onSubmit={(event) => void onSubmit(event)}
    >
      <label htmlFor={selectId}>Acting for</label>
      <select
        ref={selectRef}
        id={selectId}
        value={chosen}
        disabled={busy}
        onChange={(event) => setChosen(event.target.value)}
      >
        {!acting && <option value="">Choose an association</option>}
        {user.memberships.map((m) => (
          <option key={m.id} value={m.id}>
            {m.shortName} ({m.name})
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="secondary"
        // aria-disabled while switching: a disabled button drops keyboard focus to the page.
        aria-disabled={busy}
        disabled={!chosen || chosen === acting?.id}
      >
        Switch
      </button>
      <span role="alert" className="inline-error">
        {error}
      </span>
    </form>
  );
}
