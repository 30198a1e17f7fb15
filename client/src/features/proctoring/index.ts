export { ProctorDashboardPage } from './ProctorDashboardPage';
export { ProctorSittingsPage } from './ProctorSittingsPage';
