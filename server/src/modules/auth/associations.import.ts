import type { DbOrTx } from '../../db/client.js';
import { associations, DEFAULT_PROGRAMME_ID } from '../../db/schema/associations.js';

/** An association to store as given, e.g. the demo's two. */
export interface AssociationImport {
  id?: string;
  name: string;
  shortName: string;
  contactEmail: string;
  timeZone: string;
  mailSender?: string | null;
}

/**
 * Stores an association for content loaded at first start (the demo), or brings one with the
 * same id up to date (the default association the migration made keeps its id and rows, and
 * takes the demo's name). Returns its id. Settings people change go through their own service.
 */
export async function importAssociation(
  db: DbOrTx,
  association: AssociationImport,
): Promise<string> {
  const values = {
    programmeId: DEFAULT_PROGRAMME_ID,
    name: association.name,
    shortName: association.shortName,
    contactEmail: association.contactEmail,
    timeZone: association.timeZone,
    mailSender: association.mailSender ?? null,
  };
  const [row] = await db
    .insert(associations)
    .values(association.id ? { id: association.id, ...values } : values)
    .onConflictDoUpdate({ target: associations.id, set: values })
    .returning({ id: associations.id });
  if (!row) throw new Error('insert returned no association');
  return row.id;
}
