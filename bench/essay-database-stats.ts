import type pg from 'pg';
import { table } from './stats.js';

/**
 * What the essay section reads from PostgreSQL and the machine around each measured window: WAL
 * written, rows written, CPU ticks. WAL is the whole cluster's (other users of the same server
 * count too); rows are the bench database's.
 */

/** The cluster's WAL insert position now, as an LSN. */
export async function walPosition(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  return rows[0]?.lsn ?? '0/0';
}

/** WAL bytes written since `from`. */
export async function walSince(client: pg.Client, from: string): Promise<number> {
  const { rows } = await client.query<{ bytes: string }>(
    'SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::bigint AS bytes',
    [from],
  );
  return Number(rows[0]?.bytes ?? 0);
}

/**
 * Rows written so far in the connected database, from PostgreSQL's own statistics (each server
 * backend reports its counts within about a second, so both ends of a window lag alike).
 */
export async function rowsWritten(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    'SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint AS n FROM pg_stat_user_tables',
  );
  return Number(rows[0]?.n ?? 0);
}

/** Bytes the bench database's tables take on disk, with their indexes and TOAST. */
export async function storedBytes(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    'SELECT coalesce(sum(pg_total_relation_size(relid)), 0)::bigint AS n FROM pg_stat_user_tables',
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * With BENCH_WAL_DETAIL=1 (and pg_walinspect installable): the window's WAL by relation and
 * record kind, the profile behind the WAL-per-editor-minute figure; otherwise nothing.
 */
export async function walDetail(client: pg.Client, from: string, to: string): Promise<string> {
  if (process.env.BENCH_WAL_DETAIL !== '1') return '';
  try {
    return await walByRelation(client, from, to);
  } catch (error) {
    // A checkpoint may have recycled the window's WAL segments already: a profiling aid only.
    return `  (no WAL detail: ${error instanceof Error ? error.message : String(error)})`;
  }
}

async function walByRelation(client: pg.Client, from: string, to: string): Promise<string> {
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
  const { rows } = await client.query<{
    relation: string;
    kind: string;
    records: string;
    bytes: string;
    fpi: string;
  }>(
    `SELECT coalesce(c.relname, w.relfilenode::text, '-') AS relation,
            w.resource_manager || ' ' || split_part(w.record_type, ' ', 1) AS kind,
            count(*)::text AS records, sum(w.record_length)::text AS bytes,
            sum(w.fpi_length)::text AS fpi
     FROM (SELECT r.resource_manager, r.record_type, r.record_length, r.fpi_length,
             (regexp_match(r.block_ref, 'rel \\d+/\\d+/(\\d+)'))[1]::oid AS relfilenode
           FROM pg_get_wal_records_info($1::pg_lsn, $2::pg_lsn) r) w
     LEFT JOIN pg_class c ON c.relfilenode = w.relfilenode
     GROUP BY 1, 2 ORDER BY sum(w.record_length) DESC LIMIT 20`,
    [from, to],
  );
  return table(
    ['relation', 'record', 'records', 'bytes', 'of which full pages'],
    rows.map((r) => [r.relation, r.kind, r.records, r.bytes, r.fpi]),
  );
}
