import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { associations, DEFAULT_PROGRAMME_ID, programmes } from '../../db/schema/associations.js';

/** What a message carries of its association: the shape the mail module's MailBrandingSource reads. */
export interface AssociationMailBranding {
  name: string;
  shortName: string | null;
  contactEmail: string | null;
  sender: string | null;
  timeZone: string;
}

/**
 * The association's name, contact, sender and zone for its mail (auth owns the table; the mail
 * module, built before auth, is handed this reader by app.ts). The programme's own mail carries
 * the programme's name. Read in the caller's transaction, so a scoped caller reads its own row.
 */
export function createMailBranding(deps: { db: Db }) {
  return {
    async brandingOf(
      associationId: string | null,
      tx: DbOrTx = deps.db,
    ): Promise<AssociationMailBranding> {
      if (associationId) {
        const [row] = await tx
          .select({
            name: associations.name,
            shortName: associations.shortName,
            contactEmail: associations.contactEmail,
            sender: associations.mailSender,
            timeZone: associations.timeZone,
          })
          .from(associations)
          .where(eq(associations.id, associationId));
        if (row) return row;
      }
      const [programme] = await tx
        .select({ name: programmes.name })
        .from(programmes)
        .where(eq(programmes.id, DEFAULT_PROGRAMME_ID));
      return {
        name: programme?.name ?? 'Endorsement exam programme',
        shortName: null,
        contactEmail: null,
        sender: null,
        timeZone: 'UTC',
      };
    },
  };
}
