export { MyExamPage } from './MyExamPage';
export { MyDatesPage } from './MyDatesPage';
export { AuthorisationsPage } from './AuthorisationsPage';
export { SittingSeatsPage } from './SittingSeatsPage';
export { ZonedInstantField } from './ZonedInstantField';
