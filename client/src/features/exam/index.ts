export { ExamPage } from './ExamPage';
