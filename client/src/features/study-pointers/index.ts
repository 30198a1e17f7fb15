export { StudyPointersPage } from './StudyPointersPage';
