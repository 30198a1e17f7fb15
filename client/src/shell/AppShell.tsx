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
 * Moves focus to the page's heading; a page whose script is still loading has none yet, so
 * watch the main landmark until it arrives. Returns the cleanup for a page left before then.
 */
function focusHeadingOnArrival(): (() => void) | undefined {
  const focusHeading = () => {
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.focus();
    return heading !== null;
  };
  const main = document.getElementById('main');
  if (focusHeading() || !main) return undefined;
  const observer = new MutationObserver(() => {
    if (focusHeading()) observer.disconnect();
  });
  observer.observe(main, { childList: true, subtree: true });
  return () => observer.disconnect();
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
    return focusHeadingOnArrival();
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
