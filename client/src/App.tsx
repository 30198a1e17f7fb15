import { Route, Routes } from 'react-router-dom';
import { AdminUsersPage, AuditLogPage } from './features/admin';
import { AnalysisPage } from './features/analysis';
import { AssociationsPage } from './features/associations';
import { CoordinatorRoutes, coordinatorRoles } from './features/coordinator';
import { ExamPage } from './features/exam';
import { GradersPage, GradingQueuePage, RubricsPage, ScoreResponsePage } from './features/grading';
import {
  FeedbackReviewPage,
  MyResultsPage,
  ResultsSittingsPage,
  SittingResultsPage,
} from './features/results';
import { ProctorDashboardPage, ProctorSittingsPage } from './features/proctoring';
import { ProgrammePage } from './features/programme';
import { HomePage, LoginPage, RequireSession, useSession, userManagerRoles } from './features/auth';
import { AppShell } from './shell/AppShell';
import { NotFoundPage } from './shell/NotFoundPage';
import { SetupPage } from './features/setup';
import {
  KeyCorrectionsPage,
  PanelPage,
  RatePage,
  StudiesPage,
  StudyPage,
} from './features/standard-setting';
import { SessionProblem } from './shell/SessionProblem';

/** The routes. Each page declares the roles it admits, as the server's routes do. */
export function App() {
  const { state } = useSession();
  return (
    <AppShell>
      {state.status === 'loading' || state.status === 'error' ? (
        <SessionProblem />
      ) : (
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/setup" element={<SetupPage />} />
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
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      )}
    </AppShell>
  );
}
