export { MyLettersPage } from './MyLettersPage';
export { SittingLettersPage } from './SittingLettersPage';
