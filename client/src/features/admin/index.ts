export { AdminUsersPage } from './AdminUsersPage';
export { AuditLogPage } from './AuditLogPage';
export { InvitationsPage } from './InvitationsPage';
