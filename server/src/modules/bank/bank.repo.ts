import { and, asc, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { AgeBand, CompetencyDomain } from '@exam/shared/domain';
import type { DbOrTx } from '../../db/client.js';
import { bankItems, bankItemVersions, type BankItemStatus } from '../../db/schema/bank.js';
import type { PoolItem } from './assembly.js';

export type ItemRow = typeof bankItems.$inferSelect;
export type VersionRow = typeof bankItemVersions.$inferSelect;

export interface VersionContent {
  stem: string;
  options: string[];
  keyIndex: number;
  /** How the options may move for a candidate (delivery's option-order.ts). */
  shuffle: boolean;
  fixedOptions: number[];
  domain: CompetencyDomain;
  ageBand: AgeBand;
}

export async function insertItem(
  db: DbOrTx,
  row: { status: BankItemStatus; createdBy: string | null; at: Date },
): Promise<ItemRow> {
  const [item] = await db
    .insert(bankItems)
    .values({ status: row.status, createdBy: row.createdBy, createdAt: row.at, updatedAt: row.at })
    .returning();
  return item!;
}

export async function insertVersion(
  db: DbOrTx,
  row: VersionContent & { itemId: string; version: number; at: Date },
): Promise<VersionRow> {
  const { at, ...content } = row;
  const [version] = await db
    .insert(bankItemVersions)
    .values({ ...content, createdAt: at, updatedAt: at })
    .returning();
  return version!;
}

export async function findItem(db: DbOrTx, id: string): Promise<ItemRow | undefined> {
  const rows = await db.select().from(bankItems).where(eq(bankItems.id, id)).limit(1);
  return rows[0];
}

/** Locks the item for the rest of the transaction, so concurrent edits and publishes queue up. */
export async function lockItem(tx: DbOrTx, id: string): Promise<ItemRow | undefined> {
  const rows = await tx.select().from(bankItems).where(eq(bankItems.id, id)).for('update');
  return rows[0];
}

/** Sets (a note, who and when) or clears (null) an item's review mark. */
export async function setReviewMark(
  db: DbOrTx,
  id: string,
  mark: { at: Date; by: string; note: string } | null,
): Promise<void> {
  await db
    .update(bankItems)
    .set({
      reviewRequestedAt: mark?.at ?? null,
      reviewRequestedBy: mark?.by ?? null,
      reviewNote: mark?.note ?? null,
    })
    .where(eq(bankItems.id, id));
}

export async function setItemStatus(
  db: DbOrTx,
  id: string,
  status: BankItemStatus,
  at: Date,
): Promise<void> {
  await db.update(bankItems).set({ status, updatedAt: at }).where(eq(bankItems.id, id));
}

export async function touchItem(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(bankItems).set({ updatedAt: at }).where(eq(bankItems.id, id));
}

/** Every version of an item, newest first. */
export async function versionsOf(db: DbOrTx, itemId: string): Promise<VersionRow[]> {
  return db
    .select()
    .from(bankItemVersions)
    .where(eq(bankItemVersions.itemId, itemId))
    .orderBy(desc(bankItemVersions.version));
}

/** Only ever touches the unpublished row: published versions are immutable (the database agrees). */
export async function updateDraft(
  db: DbOrTx,
  versionId: string,
  content: VersionContent,
  at: Date,
): Promise<void> {
  await db
    .update(bankItemVersions)
    .set({ ...content, updatedAt: at })
    .where(and(eq(bankItemVersions.id, versionId), isNull(bankItemVersions.publishedAt)));
}

export async function publishDraft(
  db: DbOrTx,
  versionId: string,
  at: Date,
  by: string | null,
): Promise<void> {
  await db
    .update(bankItemVersions)
    .set({ publishedAt: at, publishedBy: by, updatedAt: at })
    .where(and(eq(bankItemVersions.id, versionId), isNull(bankItemVersions.publishedAt)));
}

export interface ItemListRow {
  id: string;
  status: BankItemStatus;
  updatedAt: Date;
  stem: string;
  domain: CompetencyDomain;
  ageBand: AgeBand;
  latestVersion: number;
  latestPublishedAt: Date | null;
  reviewRequestedAt: Date | null;
  publishedVersion: number | null;
}

/** Items with their newest content (the draft when there is one); filters apply to that content. */
export async function listItems(
  db: DbOrTx,
  filter: { domain?: CompetencyDomain; ageBand?: AgeBand; status?: BankItemStatus },
): Promise<ItemListRow[]> {
  const v = bankItemVersions;
  const latest = db
    .selectDistinctOn([v.itemId], {
      itemId: v.itemId,
      stem: v.stem,
      domain: v.domain,
      ageBand: v.ageBand,
      version: v.version,
      publishedAt: v.publishedAt,
    })
    .from(v)
    .orderBy(v.itemId, desc(v.version))
    .as('latest');
  const published = db
    .select({ itemId: v.itemId, version: sql<number>`max(${v.version})`.as('published_version') })
    .from(v)
    .where(isNotNull(v.publishedAt))
    .groupBy(v.itemId)
    .as('published');
  const conditions: SQL[] = [];
  if (filter.domain) conditions.push(eq(latest.domain, filter.domain));
  if (filter.ageBand) conditions.push(eq(latest.ageBand, filter.ageBand));
  if (filter.status) conditions.push(eq(bankItems.status, filter.status));
  const rows = await db
    .select({
      id: bankItems.id,
      status: bankItems.status,
      updatedAt: bankItems.updatedAt,
      reviewRequestedAt: bankItems.reviewRequestedAt,
      stem: latest.stem,
      domain: latest.domain,
      ageBand: latest.ageBand,
      latestVersion: latest.version,
      latestPublishedAt: latest.publishedAt,
      publishedVersion: published.version,
    })
    .from(bankItems)
    .innerJoin(latest, eq(latest.itemId, bankItems.id))
    .leftJoin(published, eq(published.itemId, bankItems.id))
    .where(and(...conditions))
    .orderBy(asc(latest.domain), asc(latest.ageBand), asc(bankItems.createdAt), asc(bankItems.id));
  return rows.map((row) => ({
    ...row,
    publishedVersion: row.publishedVersion === null ? null : Number(row.publishedVersion),
  }));
}

/** What assembly may draw from: the newest published version of every active item. */
export async function activePool(db: DbOrTx): Promise<PoolItem[]> {
  const v = bankItemVersions;
  return db
    .selectDistinctOn([v.itemId], {
      itemId: v.itemId,
      itemVersionId: v.id,
      domain: v.domain,
      ageBand: v.ageBand,
    })
    .from(v)
    .innerJoin(bankItems, eq(bankItems.id, v.itemId))
    .where(and(eq(bankItems.status, 'active'), isNotNull(v.publishedAt)))
    .orderBy(v.itemId, desc(v.version));
}

/** Inserts items with the given ids, each active at a published version 1 (a bulk import). */
export async function insertActiveItems(
  db: DbOrTx,
  rows: readonly { itemId: string; versionId: string; content: VersionContent }[],
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(bankItems)
    .values(
      rows.map((r) => ({ id: r.itemId, status: 'active' as const, createdAt: at, updatedAt: at })),
    );
  await db.insert(bankItemVersions).values(
    rows.map(({ itemId, versionId, content }) => ({
      id: versionId,
      itemId,
      version: 1,
      ...content,
      options: [...content.options],
      fixedOptions: [...content.fixedOptions],
      createdAt: at,
      updatedAt: at,
      publishedAt: at,
    })),
  );
}
