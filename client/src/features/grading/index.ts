export { GradersPage } from './GradersPage';
export { GradingQueuePage } from './GradingQueuePage';
export { RubricsPage } from './RubricsPage';
export { ScoreResponsePage } from './ScoreResponsePage';
// Reopening a reading is a grading action the results page offers.
export { reopenReading } from './grading.api';
export { RaterMonitoringPage } from './RaterMonitoringPage';
export { CalibrationPage } from './CalibrationPage';
export { PauseReviewPage } from './PauseReviewPage';
export { QualificationPage } from './QualificationPage';
export { QualificationRoundPage } from './QualificationRoundPage';
export { CommentBankPage } from './CommentBankPage';
