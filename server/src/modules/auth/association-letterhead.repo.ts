import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { associations } from '../../db/schema/associations.js';

/** What an association's letters print at the top: its name, logo and where to reach it. */
export interface Letterhead {
  name: string;
  shortName: string;
  /** A data: URL (PNG or JPEG), or null for the name alone. */
  logo: string | null;
  contactEmail: string;
  /** The IANA zone its dates are printed in. */
  timeZone: string;
}

/**
 * The letterhead of one association, for modules that print on it (results letters). Row-level
 * security lets an association scope read only its own row, which is the one it prints on.
 */
export async function letterheadOf(
  db: DbOrTx,
  associationId: string,
): Promise<Letterhead | undefined> {
  const rows = await db
    .select({
      name: associations.name,
      shortName: associations.shortName,
      logo: associations.logo,
      contactEmail: associations.contactEmail,
      timeZone: associations.timeZone,
    })
    .from(associations)
    .where(eq(associations.id, associationId));
  return rows[0];
}
