export { AdminUsersPage } from './AdminUsersPage';
