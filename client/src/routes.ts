import type { ComponentType } from 'react';
import type { Role } from '@exam/shared/api';
import { coordinatorRoles, LoginPage, userManagerRoles } from './features/auth';
import {
  AccommodationRequestsPage,
  AccountPage,
  AdminUsersPage,
  AnalysisPage,
  AssociationsPage,
  AuditLogPage,
  CalibrationPage,
  CheckInPage,
  CommentBankPage,
  CoordinatorRoutes,
  ExamPage,
  FeedbackReviewPage,
  ForgotPasswordPage,
  GradersPage,
  GradingQueuePage,
  HomePage,
  InvitationPage,
  InvitationsPage,
  KeyCorrectionsPage,
  MailPage,
  MyAccommodationRequestsPage,
  MyDataPage,
  MyDatesPage,
  MyExamPage,
  MyLettersPage,
  MyResultsPage,
  MyRetakesPage,
  PanelPage,
  PauseReviewPage,
  ProctorDashboardPage,
  ProctorSittingsPage,
  ProgrammePage,
  QualificationPage,
  QualificationRoundPage,
  RatePage,
  RaterMonitoringPage,
  ResetPasswordPage,
  ResultsSittingsPage,
  RetentionPage,
  RubricsPage,
  ScoreResponsePage,
  SetupPage,
  SittingLettersPage,
  SittingResultsPage,
  StudiesPage,
  StudyPage,
  UnlockPage,
  VerifyLetterPage,
} from './lazy-pages';

/** Who may open a page: anyone, anyone signed in, or a user holding one of the listed roles. */
export type PageAccess = 'public' | 'session' | readonly Role[];

export interface PageRoute {
  path: string;
  page: ComponentType;
  access: PageAccess;
}

/**
 * Every page and who may open it, as the server's routes say for their APIs. Sign-in and the home
 * page come with the first script; every other page loads with its route (lazy-pages.ts).
 */
export const pageRoutes: readonly PageRoute[] = [
  { path: '/login', page: LoginPage, access: 'public' },
  { path: '/setup', page: SetupPage, access: 'public' },
  { path: '/forgot-password', page: ForgotPasswordPage, access: 'public' },
  { path: '/reset-password', page: ResetPasswordPage, access: 'public' },
  { path: '/invitation', page: InvitationPage, access: 'public' },
  { path: '/unlock', page: UnlockPage, access: 'public' },
  { path: '/account', page: AccountPage, access: 'session' },
  // Public: whoever a candidate shows their letter to checks it here, signed in or not.
  { path: '/verify', page: VerifyLetterPage, access: 'public' },
  { path: '/verify/:identifier', page: VerifyLetterPage, access: 'public' },
  { path: '/', page: HomePage, access: 'session' },
  { path: '/admin/users', page: AdminUsersPage, access: userManagerRoles },
  { path: '/admin/audit', page: AuditLogPage, access: ['admin'] },
  { path: '/admin/invitations', page: InvitationsPage, access: ['admin', 'coordinator'] },
  { path: '/admin/mail', page: MailPage, access: ['admin', 'coordinator'] },
  { path: '/exam', page: ExamPage, access: ['candidate'] },
  { path: '/proctor', page: ProctorSittingsPage, access: ['proctor', 'coordinator', 'admin'] },
  {
    path: '/proctor/sittings/:sittingId',
    page: ProctorDashboardPage,
    access: ['proctor', 'coordinator', 'admin'],
  },
  { path: '/coordinator/*', page: CoordinatorRoutes, access: coordinatorRoles },
  { path: '/grading', page: GradingQueuePage, access: ['grader'] },
  { path: '/grading/:code', page: ScoreResponsePage, access: ['grader'] },
  {
    path: '/rater-monitoring',
    page: RaterMonitoringPage,
    access: ['coordinator', 'admin', 'chief-grader'],
  },
  { path: '/qualification', page: QualificationPage, access: ['grader'] },
  { path: '/qualification/:id', page: QualificationRoundPage, access: ['grader'] },
  {
    path: '/rater-monitoring/pauses/:id',
    page: PauseReviewPage,
    access: ['coordinator', 'admin', 'chief-grader'],
  },
  {
    path: '/grading-standard',
    page: CalibrationPage,
    access: ['coordinator', 'admin', 'chief-grader'],
  },
  {
    path: '/comment-bank',
    page: CommentBankPage,
    access: ['coordinator', 'admin', 'chief-grader'],
  },
  { path: '/graders', page: GradersPage, access: ['coordinator', 'admin'] },
  { path: '/rubrics', page: RubricsPage, access: ['coordinator', 'admin'] },
  { path: '/results', page: ResultsSittingsPage, access: ['coordinator', 'admin'] },
  { path: '/results/:id', page: SittingResultsPage, access: ['coordinator', 'admin'] },
  { path: '/results/:id/feedback', page: FeedbackReviewPage, access: ['coordinator', 'admin'] },
  { path: '/analysis', page: AnalysisPage, access: ['coordinator', 'psychometrician'] },
  { path: '/my-exam', page: MyExamPage, access: ['candidate'] },
  { path: '/accommodations', page: MyAccommodationRequestsPage, access: ['candidate'] },
  { path: '/my-dates', page: MyDatesPage, access: ['candidate'] },
  { path: '/retakes', page: MyRetakesPage, access: ['candidate'] },
  { path: '/check-in', page: CheckInPage, access: ['candidate'] },
  {
    path: '/accommodation-requests',
    page: AccommodationRequestsPage,
    access: ['coordinator', 'admin'],
  },
  { path: '/my-results', page: MyResultsPage, access: ['candidate'] },
  { path: '/standard-setting', page: StudiesPage, access: ['coordinator', 'admin'] },
  { path: '/standard-setting/:id', page: StudyPage, access: ['coordinator', 'admin'] },
  { path: '/panel', page: PanelPage, access: ['panelist'] },
  { path: '/panel/:id', page: RatePage, access: ['panelist'] },
  { path: '/results/:id/corrections', page: KeyCorrectionsPage, access: ['coordinator', 'admin'] },
  { path: '/results/:id/letters', page: SittingLettersPage, access: ['coordinator', 'admin'] },
  { path: '/my-letters', page: MyLettersPage, access: ['candidate'] },
  { path: '/my-data', page: MyDataPage, access: 'session' },
  { path: '/retention', page: RetentionPage, access: ['coordinator', 'admin'] },
  { path: '/associations', page: AssociationsPage, access: ['admin', 'coordinator'] },
  { path: '/programme', page: ProgrammePage, access: ['admin', 'psychometrician'] },
];
