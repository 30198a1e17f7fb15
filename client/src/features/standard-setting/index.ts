export { StudiesPage } from './StudiesPage';
export { StudyPage } from './StudyPage';
export { PanelPage } from './PanelPage';
export { RatePage } from './RatePage';
export { KeyCorrectionsPage } from './KeyCorrectionsPage';
