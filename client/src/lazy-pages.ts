import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * Every page behind sign-in, each feature loaded only when one of its routes is opened: a
 * candidate's browser fetches the sign-in page, then the exam, and never a line of the staff
 * consoles (or their charts). Features are still reached only through their index.ts; each
 * dynamic import of one becomes a chunk of its own, and code two features share a chunk beside.
 */
function lazyPage<M extends Record<K, ComponentType<object>>, K extends string>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}

const account = () => import('./features/account');
const accommodationRequests = () => import('./features/accommodation-requests');
const checkIn = () => import('./features/check-in');
const admin = () => import('./features/admin');
const analysis = () => import('./features/analysis');
const associations = () => import('./features/associations');
const bookings = () => import('./features/bookings');
const programme = () => import('./features/programme');
const coordinator = () => import('./features/coordinator');
const exam = () => import('./features/exam');
const grading = () => import('./features/grading');
const home = () => import('./features/home');
const letters = () => import('./features/letters');
const mail = () => import('./features/mail');
const verify = () => import('./features/verify');
const privacy = () => import('./features/privacy');
const proctoring = () => import('./features/proctoring');
const results = () => import('./features/results');
const retakes = () => import('./features/retakes');
const setup = () => import('./features/setup');
const standardSetting = () => import('./features/standard-setting');

export const AccountPage = lazyPage(account, 'AccountPage');
/** Home: its list of what each role can do is text a candidate on the way to the exam need not wait for. */
export const HomePage = lazyPage(home, 'HomePage');
export const AccommodationRequestsPage = lazyPage(
  accommodationRequests,
  'AccommodationRequestsPage',
);
export const MyAccommodationRequestsPage = lazyPage(
  accommodationRequests,
  'MyAccommodationRequestsPage',
);
export const CheckInPage = lazyPage(checkIn, 'CheckInPage');
export const ForgotPasswordPage = lazyPage(account, 'ForgotPasswordPage');
export const ResetPasswordPage = lazyPage(account, 'ResetPasswordPage');
export const InvitationPage = lazyPage(account, 'InvitationPage');
export const UnlockPage = lazyPage(account, 'UnlockPage');
export const AdminUsersPage = lazyPage(admin, 'AdminUsersPage');
export const AuditLogPage = lazyPage(admin, 'AuditLogPage');
export const InvitationsPage = lazyPage(admin, 'InvitationsPage');
export const MailPage = lazyPage(mail, 'MailPage');
export const MyExamPage = lazyPage(bookings, 'MyExamPage');
export const MyDatesPage = lazyPage(bookings, 'MyDatesPage');
export const AnalysisPage = lazyPage(analysis, 'AnalysisPage');
export const CoordinatorRoutes = lazyPage(coordinator, 'CoordinatorRoutes');
export const ExamPage = lazyPage(exam, 'ExamPage');
export const GradersPage = lazyPage(grading, 'GradersPage');
export const RaterMonitoringPage = lazyPage(grading, 'RaterMonitoringPage');
export const CalibrationPage = lazyPage(grading, 'CalibrationPage');
export const CommentBankPage = lazyPage(grading, 'CommentBankPage');
export const PauseReviewPage = lazyPage(grading, 'PauseReviewPage');
export const QualificationPage = lazyPage(grading, 'QualificationPage');
export const QualificationRoundPage = lazyPage(grading, 'QualificationRoundPage');
export const GradingQueuePage = lazyPage(grading, 'GradingQueuePage');
export const RubricsPage = lazyPage(grading, 'RubricsPage');
export const ScoreResponsePage = lazyPage(grading, 'ScoreResponsePage');
export const ProctorDashboardPage = lazyPage(proctoring, 'ProctorDashboardPage');
export const ProctorSittingsPage = lazyPage(proctoring, 'ProctorSittingsPage');
export const FeedbackReviewPage = lazyPage(results, 'FeedbackReviewPage');
export const MyResultsPage = lazyPage(results, 'MyResultsPage');
export const ResultsSittingsPage = lazyPage(results, 'ResultsSittingsPage');
export const SittingResultsPage = lazyPage(results, 'SittingResultsPage');
export const SetupPage = lazyPage(setup, 'SetupPage');
export const KeyCorrectionsPage = lazyPage(standardSetting, 'KeyCorrectionsPage');
export const PanelPage = lazyPage(standardSetting, 'PanelPage');
export const RatePage = lazyPage(standardSetting, 'RatePage');
export const StudiesPage = lazyPage(standardSetting, 'StudiesPage');
export const StudyPage = lazyPage(standardSetting, 'StudyPage');
export const MyLettersPage = lazyPage(letters, 'MyLettersPage');
export const SittingLettersPage = lazyPage(letters, 'SittingLettersPage');
export const VerifyLetterPage = lazyPage(verify, 'VerifyLetterPage');
export const AssociationsPage = lazyPage(associations, 'AssociationsPage');
export const ProgrammePage = lazyPage(programme, 'ProgrammePage');
export const MyDataPage = lazyPage(privacy, 'MyDataPage');
export const RetentionPage = lazyPage(privacy, 'RetentionPage');

export const MyRetakesPage = lazyPage(retakes, 'MyRetakesPage');
export const RetakeRequestsPage = lazyPage(retakes, 'RetakeRequestsPage');
