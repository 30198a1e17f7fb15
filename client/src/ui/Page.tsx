import { useLayoutEffect } from 'react';
import type { ReactNode } from 'react';

export const SITE_NAME = 'Endorsement Exams';

/**
 * Sets the document title for the page on show; every route renders one of these. A layout
 * effect, so the title changes in the same task as the heading: assistive technology (and a
 * test) never sees the new page under the old title.
 */
export function usePageTitle(title: string): void {
  useLayoutEffect(() => {
    document.title = `${title} – ${SITE_NAME}`;
  }, [title]);
}

/**
 * A page: its title in the tab and one level-one heading. The shell moves focus to the heading
 * after client-side navigation, so screen-reader users hear where they arrived.
 */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <>
      <h1 tabIndex={-1} className="page-heading">
        {title}
      </h1>
      {children}
    </>
  );
}
