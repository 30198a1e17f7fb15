import { hasAnyRole, programmeContentEditors } from '@exam/shared/domain';
import { useSession } from './session-context';

/**
 * Whether the signed-in user may change the programme's shared content (bank, forms, vignette
 * sets, rubrics, study pointers, standard setting). The server refuses everyone else; pages use
 * this to show such people the content read-only instead of controls that would be refused.
 */
export function useCanEditProgrammeContent(): boolean {
  const { state } = useSession();
  return (
    state.status === 'signed-in' && hasAnyRole(state.session.user.roles, programmeContentEditors)
  );
}

/** Says, where a coordinator reads shared content, why there is nothing to edit. */
export function ProgrammeContentNote({ what }: { what: string }) {
  return (
    <p className="hint" role="note">
      {what} belong to the whole programme and are shared by every association. Administrators and
      coordinators keep them; you can read them and use them in your sittings.
    </p>
  );
}
