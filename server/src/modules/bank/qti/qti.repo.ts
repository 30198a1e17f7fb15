import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import {
  bankFormItems,
  bankForms,
  bankItems,
  bankItemVersions,
  type BankItemStatus,
} from '../../../db/schema/bank.js';
import type { ItemRow, VersionContent, VersionRow } from '../bank.repo.js';

// Serialises confirmations: two imports of one package cannot both create the same item; the
// second re-plans after the first commits, finds a different plan and answers PLAN_CHANGED.
const QTI_IMPORT_LOCK = 7_301_118;

/** Takes the QTI import lock for the rest of the transaction (one confirmation at a time). */
export async function lockImports(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${QTI_IMPORT_LOCK})`);
}

/** Every version of every item with its item's status, ordered by item and version. */
export async function allVersions(db: DbOrTx) {
  return db
    .select({ version: bankItemVersions, itemStatus: bankItems.status })
    .from(bankItemVersions)
    .innerJoin(bankItems, eq(bankItems.id, bankItemVersions.itemId))
    .orderBy(asc(bankItemVersions.itemId), asc(bankItemVersions.version));
}

/** Forms (one, or all when formId is null) with the item versions they pin, in position order. */
export async function formsWithPins(db: DbOrTx, formId: string | null) {
  const forms = await db
    .select()
    .from(bankForms)
    .where(formId ? eq(bankForms.id, formId) : undefined)
    .orderBy(asc(bankForms.createdAt), asc(bankForms.id));
  if (forms.length === 0) return [];
  const pins = await db
    .select({
      formId: bankFormItems.formId,
      position: bankFormItems.position,
      version: bankItemVersions,
    })
    .from(bankFormItems)
    .innerJoin(bankItemVersions, eq(bankItemVersions.id, bankFormItems.itemVersionId))
    .where(
      inArray(
        bankFormItems.formId,
        forms.map((f) => f.id),
      ),
    )
    .orderBy(asc(bankFormItems.formId), asc(bankFormItems.position));
  return forms.map((form) => ({
    form,
    pins: pins.filter((p) => p.formId === form.id).map((p) => p.version),
  }));
}

export async function itemsByIds(db: DbOrTx, ids: readonly string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(bankItems)
    .where(inArray(bankItems.id, [...ids]));
}

export async function itemsByQtiIdentifiers(
  db: DbOrTx,
  identifiers: readonly string[],
): Promise<ItemRow[]> {
  if (identifiers.length === 0) return [];
  return db
    .select()
    .from(bankItems)
    .where(inArray(bankItems.qtiIdentifier, [...identifiers]));
}

/** The newest version of each item, by item id. */
export async function latestVersions(
  db: DbOrTx,
  itemIds: readonly string[],
): Promise<Map<string, VersionRow>> {
  if (itemIds.length === 0) return new Map();
  const v = bankItemVersions;
  const rows = await db
    .selectDistinctOn([v.itemId])
    .from(v)
    .where(inArray(v.itemId, [...itemIds]))
    .orderBy(v.itemId, desc(v.version));
  return new Map(rows.map((row) => [row.itemId, row]));
}

/** An imported item keeps the id it had in the bank it came from, when it came from one of ours. */
export async function insertImportedItem(
  tx: DbOrTx,
  row: {
    id: string | null;
    status: BankItemStatus;
    qtiIdentifier: string | null;
    createdBy: string;
    at: Date;
  },
): Promise<ItemRow> {
  const [item] = await tx
    .insert(bankItems)
    .values({
      ...(row.id ? { id: row.id } : {}),
      status: row.status,
      qtiIdentifier: row.qtiIdentifier,
      createdBy: row.createdBy,
      createdAt: row.at,
      updatedAt: row.at,
    })
    .returning();
  return item!;
}

/** A version as imported: published by the importer when the package says it was published. */
export async function insertImportedVersion(
  tx: DbOrTx,
  row: VersionContent & { itemId: string; version: number; publishedBy: string | null; at: Date },
): Promise<void> {
  const { at, publishedBy, ...content } = row;
  await tx.insert(bankItemVersions).values({
    ...content,
    createdAt: at,
    updatedAt: at,
    publishedAt: publishedBy ? at : null,
    publishedBy,
  });
}
