export { ProgrammePage } from './ProgrammePage';
