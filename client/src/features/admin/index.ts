export { AdminUsersPage } from './AdminUsersPage';
export { AuditLogPage } from './AuditLogPage';
