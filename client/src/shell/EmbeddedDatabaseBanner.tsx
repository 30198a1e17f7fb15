/** The notice every staff page carries while the platform runs on embedded PGlite. */
export const EMBEDDED_DATABASE_NOTICE =
  'Embedded database: for trying the platform and practice sittings only — not for a live sitting.';

export function EmbeddedDatabaseBanner() {
  return (
    <aside className="banner banner-warning" aria-label="Database notice">
      <p>{EMBEDDED_DATABASE_NOTICE}</p>
    </aside>
  );
}
