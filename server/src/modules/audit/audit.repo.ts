import { and, asc, count, desc, eq, gt, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { unnestOf } from '../../db/arrays.js';
import type { DbOrTx } from '../../db/client.js';
import { auditCheckpoints, auditLog } from '../../db/schema/audit.js';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;
export type CheckpointRow = typeof auditCheckpoints.$inferSelect;
export type NewCheckpointRow = typeof auditCheckpoints.$inferInsert;

// Any constant works; it only has to be the same for every writer of the chain.
const AUDIT_CHAIN_LOCK = 7_301_001;

export async function lockChain(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
}

export async function lastHash(tx: DbOrTx): Promise<string | undefined> {
  const rows = await tx
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1);
  return rows[0]?.hash;
}

export async function insert(tx: DbOrTx, row: NewAuditRow): Promise<void> {
  await tx.insert(auditLog).values(row);
}

/**
 * Rows in chain order: one INSERT numbers its identity ids in the order its rows come, here the
 * order given (WITH ORDINALITY ... ORDER BY n). Each column goes as one array parameter.
 */
export async function insertMany(tx: DbOrTx, rows: readonly NewAuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    INSERT INTO ${auditLog} (at, actor_id, action, subject_type, subject_id, details, prev_hash, hash)
    SELECT at, actor_id, action, subject_type, subject_id, details, prev_hash, hash
    FROM ${unnestOf(rows, [
      ['at', 'timestamptz'],
      ['actorId', 'uuid'],
      ['action', 'text'],
      ['subjectType', 'text'],
      ['subjectId', 'text'],
      ['details', 'jsonb'],
      ['prevHash', 'text'],
      ['hash', 'text'],
    ])}
      WITH ORDINALITY AS t(at, actor_id, action, subject_type, subject_id, details, prev_hash, hash, n)
    ORDER BY n`);
}

export async function pageAfter(db: DbOrTx, afterId: number, limit: number): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(gt(auditLog.id, afterId))
    .orderBy(asc(auditLog.id))
    .limit(limit);
}

/** Every row after `afterId`, in chain order, a page at a time. */
export async function* rowsAfter(db: DbOrTx, afterId = 0): AsyncGenerator<AuditRow> {
  let cursor = afterId;
  for (;;) {
    const page = await pageAfter(db, cursor, 1000);
    if (page.length === 0) return;
    yield* page;
    cursor = page.at(-1)!.id;
  }
}

export async function countAfter(db: DbOrTx, afterId: number): Promise<number> {
  const rows = await db.select({ n: count() }).from(auditLog).where(gt(auditLog.id, afterId));
  return Number(rows[0]?.n ?? 0);
}

export interface EntryFilter {
  actorId?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
  beforeId?: number;
}

/** Newest first, `limit` rows older than `beforeId`. `action` matches as a prefix. */
export async function listEntries(
  db: DbOrTx,
  filter: EntryFilter,
  limit: number,
): Promise<AuditRow[]> {
  const conditions: SQL[] = [];
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.action) {
    conditions.push(sql`left(${auditLog.action}, ${filter.action.length}) = ${filter.action}`);
  }
  if (filter.subjectType) conditions.push(eq(auditLog.subjectType, filter.subjectType));
  if (filter.subjectId) conditions.push(eq(auditLog.subjectId, filter.subjectId));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lte(auditLog.at, filter.to));
  if (filter.beforeId !== undefined) conditions.push(lt(auditLog.id, filter.beforeId));
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

export async function lastCheckpoint(db: DbOrTx): Promise<CheckpointRow | undefined> {
  const rows = await db
    .select()
    .from(auditCheckpoints)
    .orderBy(desc(auditCheckpoints.count), desc(auditCheckpoints.id))
    .limit(1);
  return rows[0];
}

export async function allCheckpoints(db: DbOrTx): Promise<CheckpointRow[]> {
  return db
    .select()
    .from(auditCheckpoints)
    .orderBy(asc(auditCheckpoints.count), asc(auditCheckpoints.id));
}

export async function insertCheckpoint(db: DbOrTx, row: NewCheckpointRow): Promise<CheckpointRow> {
  const rows = await db.insert(auditCheckpoints).values(row).returning();
  return rows[0]!;
}
