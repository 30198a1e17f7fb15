import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ExamEndorsement } from '@exam/shared/domain';
import type { DbOrTx } from '../../db/client.js';
import {
  bankFormItems,
  bankForms,
  bankItemVersions,
  type BankFormStatus,
  type StoredBlueprint,
} from '../../db/schema/bank.js';

export type FormRow = typeof bankForms.$inferSelect;

// Serialises activations per endorsement, so two at once cannot both leave a form active.
const FORM_ACTIVATION_LOCK = 7_301_002;

/** Takes the endorsement's activation lock, held to the end of the caller's transaction. */
export async function lockEndorsementActivation(
  tx: DbOrTx,
  endorsement: ExamEndorsement,
): Promise<void> {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(${FORM_ACTIVATION_LOCK}, hashtext(${endorsement}))`,
  );
}
export type FormWithCount = FormRow & { itemCount: number };

export async function insertForm(
  db: DbOrTx,
  row: {
    endorsement: ExamEndorsement;
    name: string;
    status: BankFormStatus;
    blueprint: StoredBlueprint;
    seed: string;
    createdBy: string | null;
    at: Date;
  },
): Promise<FormRow> {
  const { at, ...values } = row;
  const [form] = await db
    .insert(bankForms)
    .values({ ...values, createdAt: at, updatedAt: at })
    .returning();
  return form!;
}

export async function insertFormItems(
  db: DbOrTx,
  formId: string,
  items: readonly { position: number; itemVersionId: string }[],
): Promise<void> {
  if (items.length === 0) return;
  await db.insert(bankFormItems).values(items.map((item) => ({ formId, ...item })));
}

const itemCount = sql<number>`(SELECT count(*)::int FROM ${bankFormItems} WHERE ${bankFormItems.formId} = ${bankForms.id})`;

export async function listForms(db: DbOrTx): Promise<FormWithCount[]> {
  const rows = await db
    .select({ form: bankForms, itemCount })
    .from(bankForms)
    .orderBy(desc(bankForms.createdAt), asc(bankForms.id));
  return rows.map((r) => ({ ...r.form, itemCount: Number(r.itemCount) }));
}

export async function findForm(db: DbOrTx, id: string): Promise<FormWithCount | undefined> {
  const rows = await db
    .select({ form: bankForms, itemCount })
    .from(bankForms)
    .where(eq(bankForms.id, id))
    .limit(1);
  const row = rows[0];
  return row ? { ...row.form, itemCount: Number(row.itemCount) } : undefined;
}

export async function lockForm(tx: DbOrTx, id: string): Promise<FormRow | undefined> {
  const rows = await tx.select().from(bankForms).where(eq(bankForms.id, id)).for('update');
  return rows[0];
}

export async function findActiveForm(
  db: DbOrTx,
  endorsement: ExamEndorsement,
): Promise<FormWithCount | undefined> {
  const rows = await db
    .select({ form: bankForms, itemCount })
    .from(bankForms)
    .where(and(eq(bankForms.endorsement, endorsement), eq(bankForms.status, 'active')))
    .limit(1);
  const row = rows[0];
  return row ? { ...row.form, itemCount: Number(row.itemCount) } : undefined;
}

export async function setFormStatus(
  db: DbOrTx,
  id: string,
  status: BankFormStatus,
  at: Date,
): Promise<void> {
  await db.update(bankForms).set({ status, updatedAt: at }).where(eq(bankForms.id, id));
}

/** The pinned versions of a form, in position order, with their full content (key included). */
export async function formItemsWithContent(db: DbOrTx, formId: string) {
  return db
    .select({
      position: bankFormItems.position,
      itemVersionId: bankFormItems.itemVersionId,
      itemId: bankItemVersions.itemId,
      version: bankItemVersions.version,
      stem: bankItemVersions.stem,
      options: bankItemVersions.options,
      keyIndex: bankItemVersions.keyIndex,
      shuffle: bankItemVersions.shuffle,
      fixedOptions: bankItemVersions.fixedOptions,
      domain: bankItemVersions.domain,
      ageBand: bankItemVersions.ageBand,
    })
    .from(bankFormItems)
    .innerJoin(bankItemVersions, eq(bankItemVersions.id, bankFormItems.itemVersionId))
    .where(eq(bankFormItems.formId, formId))
    .orderBy(asc(bankFormItems.position));
}

/** The cut of each of these forms (forms unknown to the bank are left out). */
export async function formCuts(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: bankForms.id, cutScore: bankForms.cutScore })
    .from(bankForms)
    .where(inArray(bankForms.id, [...ids]));
}

export async function setFormCut(db: DbOrTx, id: string, cutScore: number, at: Date) {
  await db.update(bankForms).set({ cutScore, updatedAt: at }).where(eq(bankForms.id, id));
}
