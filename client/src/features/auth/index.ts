export { destinations } from './destinations';
export { LoginPage } from './LoginPage';
export { AssociationSwitcher } from './AssociationSwitcher';
export { LogoutButton } from './LogoutButton';
export { RequireSession } from './RequireSession';
export { coordinatorRoles, roleDescriptions, roleLabels, userManagerRoles } from './roles';
export { SessionProvider, useSession, type SessionState } from './session-context';
export { ProgrammeContentNote, useCanEditProgrammeContent } from './programme-content';
