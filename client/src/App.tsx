import { Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { RequireSession, useSession } from './features/auth';
import { pageRoutes } from './routes';
import { AppShell } from './shell/AppShell';
import { LoadFailure } from './shell/LoadFailure';
import { NotFoundPage } from './shell/NotFoundPage';
import { PageLoading } from './shell/PageLoading';
import { SessionProblem } from './shell/SessionProblem';

/** The app: the session, then the page its route names (routes.ts), behind its access rule. */
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
              {pageRoutes.map(({ path, page: Page, access }) => (
                <Route
                  key={path}
                  path={path}
                  element={
                    access === 'public' ? (
                      <Page />
                    ) : (
                      <RequireSession roles={access === 'session' ? undefined : access}>
                        <Page />
                      </RequireSession>
                    )
                  }
                />
              ))}
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </LoadFailure>
      )}
    </AppShell>
  );
}
