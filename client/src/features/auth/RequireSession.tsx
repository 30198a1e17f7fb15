import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { hasAnyRole, type Role } from '@exam/shared/api';
import { Page } from '../../ui/Page';
import { useSession } from './session-context';

/**
 * Shows its children only to a signed-in user holding one of `roles` (any role when omitted);
 * anyone signed out is sent to the login page and brought back afterwards.
 */
export function RequireSession({
  roles,
  children,
}: {
  roles?: readonly Role[];
  children: ReactNode;
}) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status !== 'signed-in') {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  // The server refuses everything else until then; the client takes them straight to enrolment.
  if (state.session.twoFactorEnrolmentRequired && location.pathname !== '/account') {
    return <Navigate to="/account" replace />;
  }
  if (roles && !hasAnyRole(state.session.user.roles, roles)) {
    return (
      <Page title="Not allowed">
        <p>Your role does not allow this page.</p>
      </Page>
    );
  }
  return children;
}
