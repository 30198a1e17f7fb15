export { MyResultsPage } from './MyResultsPage';
export { ResultsSittingsPage } from './ResultsSittingsPage';
export { SittingResultsPage } from './SittingResultsPage';
export { FeedbackReviewPage } from './FeedbackReviewPage';
export { AppealsPage } from './AppealsPage';
