export { ProctorDashboardPage } from './ProctorDashboardPage';
export { ProctorSittingsPage } from './ProctorSittingsPage';
export { LateChangesPanel } from './LateChangesPanel';
