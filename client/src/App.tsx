import { Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import {
  coordinatorRoles,
  LoginPage,
  RequireSession,
  useSession,
  userManagerRoles,
} from './features/auth';
import {
  AccommodationRequestsPage,
  CheckInPage,
  MyAccommodationRequestsPage,
  MyRetakesPage,
  AccountPage,
  HomePage,
  ForgotPasswordPage,
  InvitationPage,
  ResetPasswordPage,
  UnlockPage,
  AdminUsersPage,
  AnalysisPage,
  AuditLogPage,
  InvitationsPage,
  MailPage,
  CoordinatorRoutes,
  ExamPage,
  FeedbackReviewPage,
  GradersPage,
  RaterMonitoringPage,
  CalibrationPage,
  CommentBankPage,
  PauseReviewPage,
  QualificationPage,
  QualificationRoundPage,
  GradingQueuePage,
  KeyCorrectionsPage,
  MyResultsPage,
  MyExamPage,
  MyDatesPage,
  PanelPage,
  ProctorDashboardPage,
  ProctorSittingsPage,
  RatePage,
  ResultsSittingsPage,
  RubricsPage,
  ScoreResponsePage,
  SetupPage,
  SittingResultsPage,
  StudiesPage,
  StudyPage,
  MyLettersPage,
  MyDataPage,
  RetentionPage,
  SittingLettersPage,
  VerifyLetterPage,
  AssociationsPage,
  ProgrammePage,
} from './lazy-pages';
import { AppShell } from './shell/AppShell';
import { LoadFailure } from './shell/LoadFailure';
import { NotFoundPage } from './shell/NotFoundPage';
import { PageLoading } from './shell/PageLoading';
import { SessionProblem } from './shell/SessionProblem';

/**
 * The routes. Each page declares the roles it admits, as the server's routes do. Sign-in and the
 * home page come with the first script; every other page loads with its route (lazy-pages.ts).
 */
export function App() {
  const { state } = useSession();
  return (
    <AppShell>
      {state.status === 'loading' || state.status === 'error' ? (
        <SessionProblem />
      ) : (
        <LoadFailure>
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/setup" element={<SetupPage />} />
              <Route path="/forgot-password" element={<ForgotPasswordPage />} />
              <Route path="/reset-password" element={<ResetPasswordPage />} />
              <Route path="/invitation" element={<InvitationPage />} />
              <Route path="/unlock" element={<UnlockPage />} />
              <Route
                path="/account"
                element={
                  <RequireSession>
                    <AccountPage />
                  </RequireSession>
                }
              />
              {/* Public: whoever a candidate shows their letter to checks it here, signed in or not. */}
              <Route path="/verify" element={<VerifyLetterPage />} />
              <Route path="/verify/:identifier" element={<VerifyLetterPage />} />
              <Route
                path="/"
                element={
                  <RequireSession>
                    <HomePage />
                  </RequireSession>
                }
              />
              <Route
                path="/admin/users"
                element={
                  <RequireSession roles={userManagerRoles}>
                    <AdminUsersPage />
                  </RequireSession>
                }
              />
              <Route
                path="/admin/audit"
                element={
                  <RequireSession roles={['admin']}>
                    <AuditLogPage />
                  </RequireSession>
                }
              />
              <Route
                path="/admin/invitations"
                element={
                  <RequireSession roles={['admin', 'coordinator']}>
                    <InvitationsPage />
                  </RequireSession>
                }
              />
              <Route
                path="/admin/mail"
                element={
                  <RequireSession roles={['admin', 'coordinator']}>
                    <MailPage />
                  </RequireSession>
                }
              />
              <Route
                path="/exam"
                element={
                  <RequireSession roles={['candidate']}>
                    <ExamPage />
                  </RequireSession>
                }
              />
              <Route
                path="/proctor"
                element={
                  <RequireSession roles={['proctor', 'coordinator', 'admin']}>
                    <ProctorSittingsPage />
                  </RequireSession>
                }
              />
              <Route
                path="/proctor/sittings/:sittingId"
                element={
                  <RequireSession roles={['proctor', 'coordinator', 'admin']}>
                    <ProctorDashboardPage />
                  </RequireSession>
                }
              />
              <Route
                path="/coordinator/*"
                element={
                  <RequireSession roles={coordinatorRoles}>
                    <CoordinatorRoutes />
                  </RequireSession>
                }
              />
              <Route
                path="/grading"
                element={
                  <RequireSession roles={['grader']}>
                    <GradingQueuePage />
                  </RequireSession>
                }
              />
              <Route
                path="/grading/:code"
                element={
                  <RequireSession roles={['grader']}>
                    <ScoreResponsePage />
                  </RequireSession>
                }
              />
              <Route
                path="/rater-monitoring"
                element={
                  <RequireSession roles={['coordinator', 'admin', 'chief-grader']}>
                    <RaterMonitoringPage />
                  </RequireSession>
                }
              />
              <Route
                path="/qualification"
                element={
                  <RequireSession roles={['grader']}>
                    <QualificationPage />
                  </RequireSession>
                }
              />
              <Route
                path="/qualification/:id"
                element={
                  <RequireSession roles={['grader']}>
                    <QualificationRoundPage />
                  </RequireSession>
                }
              />
              <Route
                path="/rater-monitoring/pauses/:id"
                element={
                  <RequireSession roles={['coordinator', 'admin', 'chief-grader']}>
                    <PauseReviewPage />
                  </RequireSession>
                }
              />
              <Route
                path="/grading-standard"
                element={
                  <RequireSession roles={['coordinator', 'admin', 'chief-grader']}>
                    <CalibrationPage />
                  </RequireSession>
                }
              />
              <Route
                path="/comment-bank"
                element={
                  <RequireSession roles={['coordinator', 'admin', 'chief-grader']}>
                    <CommentBankPage />
                  </RequireSession>
                }
              />
              <Route
                path="/graders"
                element={
                  <RequireSession roles={['coordinator', 'admin']}>
                    <GradersPage />
                  </RequireSession>
                }
              />
              <Route
                path="/rubrics"
                element={
                  <RequireSession roles={['coordinator', 'admin']}>
                    <RubricsPage />
                  </RequireSession>
                }
              />
              <Route
                path="/results"
                element={
                  <RequireSession roles={['coordinator', 'admin']}>
                    <ResultsSittingsPage />
                  </RequireSession>
                }
              />
              <Route
                path="/results/:id"
                element={
                  <RequireSession roles={['coordinator', 'admin']}>
                    <SittingResultsPage />
                  </RequireSession>
                }
              />
              <Route
                path="/results/:id/feedback"
                element={
                  <RequireSession roles={['coordinator', 'admin']}>
                    <FeedbackReviewPage />
                  </RequireSession>
                }
              />
              <Route
                path="/analysis"
                element={
                  <RequireSession roles={['coordinator', 'psychometrician']}>
                    <AnalysisPage />
                  </RequireSession>
                }
              />
              <Route
                path="/my-exam"
                element={
                  <RequireSession roles={['candidate']}>
                    <MyExamPage />
                  </RequireSession>
                }
              />
              <Route
                path="/accommodations"
                element={
                  <RequireSession roles={['candidate']}>
                    <MyAccommodationRequestsPage />
                  </RequireSession>
                }
              />
              <Route
                path="/my-dates"
                element={
                  <RequireSession roles={['candidate']}>
                    <MyDatesPage />
                  </RequireSession>
                }
              />
              <Route
                path="/retakes"
                element={
                  <RequireSession roles={['candidate']}>
                    <MyRetakesPage />
                  </RequireSession>
                }
              />
              <Route
                path="/check-in"
                element={
                  <RequireSession roles={['candidate']}>
                    <CheckInPage />
                  </RequireSession>
                }
              />
              <Route
                path="/accommodation-requests"
                element={
                  <RequireSession roles={['coordinator', 'admin']}>
                    <AccommodationRequestsPage />
                  </RequireSession>
                }
              />
              <Route
                path="/my-results"
                element={
                  <RequireSession roles={['candidate']}>
                    <MyResultsPage />
                  </RequireSession>
                }
              />
              <Route
                path="/standard-setting"
                element={
                  <RequireSession roles={['coordinator', 'admin']}>
                    <StudiesPage />
                  </RequireSession>
                }
              />
              <Route
                path="/standard-setting/:id"
                element={
                  <RequireSession roles={['coordinator', 'admin']}>
                    <StudyPage />
                  </RequireSession>
                }
              />
              <Route
                path="/panel"
                element={
                  <RequireSession roles={['panelist']}>
                    <PanelPage />
                  </RequireSession>
                }
              />
              <Route
                path="/panel/:id"
                element={
                  <RequireSession roles={['panelist']}>
                    <RatePage />
                  </RequireSession>
                }
              />
              <Route
                path="/results/:id/corrections"
                element={
                  <RequireSession roles={['coordinator', 'admin']}>
                    <KeyCorrectionsPage />
                  </RequireSession>
                }
              />
              <Route
                path="/results/:id/letters"
                element={
                  <RequireSession roles={['coordinator', 'admin']}>
                    <SittingLettersPage />
                  </RequireSession>
                }
              />
              <Route
                path="/my-letters"
                element={
                  <RequireSession roles={['candidate']}>
                    <MyLettersPage />
                  </RequireSession>
                }
              />
              <Route
                path="/my-data"
                element={
                  <RequireSession>
                    <MyDataPage />
                  </RequireSession>
                }
              />
              <Route
                path="/retention"
                element={
                  <RequireSession roles={['coordinator', 'admin']}>
                    <RetentionPage />
                  </RequireSession>
                }
              />
              <Route
                path="/associations"
                element={
                  <RequireSession roles={['admin', 'coordinator']}>
                    <AssociationsPage />
                  </RequireSession>
                }
              />
              <Route
                path="/programme"
                element={
                  <RequireSession roles={['admin', 'psychometrician']}>
                    <ProgrammePage />
                  </RequireSession>
                }
              />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </LoadFailure>
      )}
    </AppShell>
  );
}
