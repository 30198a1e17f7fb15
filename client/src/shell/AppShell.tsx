import { useEffect, useRef } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { hasAnyRole, staffRoles } from '@exam/shared/api';
import { useSession } from '../features/auth';
import { EmbeddedDatabaseBanner } from './EmbeddedDatabaseBanner';
import { SiteHeader } from './SiteHeader';

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('main');
  if (!main) return;
  event.preventDefault();
  main.focus();
}

/**
 * The frame around every page: a skip link, the header with navigation, the embedded-database
 * notice on staff pages, and the main landmark. After client-side navigation, focus moves to the
 * new page's heading, as it would after a full page load plus a jump to the content.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [pathname]);

  const showEmbeddedNotice =
    state.status === 'signed-in' &&
    state.session.embeddedDatabase &&
    hasAnyRole(state.session.user.roles, staffRoles);

  return (
    <>
      <a href="#main" className="skip-link" onClick={skipToMain}>
        Skip to main content
      </a>
      <SiteHeader />
      {showEmbeddedNotice && <EmbeddedDatabaseBanner />}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
