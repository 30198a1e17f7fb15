import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';

/** How many migrations drizzle has recorded as applied to this database. */
export async function appliedMigrations(db: Db): Promise<number> {
  const rows = await queryRows<{ count: number }>(
    db,
    sql`SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations`,
  );
  return Number(rows[0]?.count ?? 0);
}
