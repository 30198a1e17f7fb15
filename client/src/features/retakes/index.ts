export { MyRetakesPage } from './MyRetakesPage';
export { RetakeRequestsPage } from './RetakeRequestsPage';
