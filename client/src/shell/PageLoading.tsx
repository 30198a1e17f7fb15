/**
 * Shown while a page's script arrives. No heading of its own: the shell moves focus to the
 * page's heading once the page is there, so a screen reader announces the page, not this.
 */
export function PageLoading() {
  return (
    <p role="status" className="page-loading">
      Loading…
    </p>
  );
}
