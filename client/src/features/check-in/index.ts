export { CheckInPage } from './CheckInPage';
export { CheckInPanel } from './CheckInPanel';
