import type pg from 'pg';

const requiredOn = ['fsync', 'synchronous_commit', 'full_page_writes'] as const;

/** Returns the durability settings that are off; an acknowledged save must survive a crash. */
export async function findUnsafeDurabilitySettings(pool: pg.Pool): Promise<string[]> {
  const unsafe: string[] = [];
  for (const name of requiredOn) {
    const result = await pool.query<{ setting: string }>(
      'SELECT setting FROM pg_settings WHERE name = $1',
      [name],
    );
    const value = result.rows[0]?.setting ?? 'off';
    if (value === 'off') unsafe.push(`${name}=${value}`);
  }
  return unsafe;
}
