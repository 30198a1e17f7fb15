export { VerifyLetterPage } from './VerifyLetterPage';
