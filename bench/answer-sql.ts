import pg from 'pg';
import { SAVE_BATCH_SQL } from '../server/src/modules/delivery/answer-writer.js';
import { createBenchDatabase, seedSitting } from './database.js';
import { cpuSecondsOf } from './process-cpu.js';

/**
 * `npm run bench:answer-sql`: where PostgreSQL's share of a saturated ack goes. Part One's batch
 * statement (answer-writer.ts) runs as written and in variants that leave one part out, on one
 * connection, in batches of the size the saturation runs make, and prints the backend's CPU
 * (from /proc) per stored save. No server and no sockets: only the statement, so a difference of a
 * microsecond a row shows, which the whole bench on a shared 2-core machine cannot resolve.
 *
 * The variants are measurements, not candidates for the product: each drops something the
 * writer needs (the current answer, the foreign key that stops a log outliving its attempt).
 */

const ATTEMPTS = 500;
const BATCH = Number(process.env.BENCH_SQL_BATCH ?? 125);
const ROUNDS = Number(process.env.BENCH_SQL_ROUNDS ?? 160);
const REPEATS = 3;

/** Changes `sql` by `from` -> `to`, and fails loudly if the statement no longer has `from`. */
function without(sql: string, from: RegExp | string, to = ''): string {
  const changed = sql.replace(from, to);
  if (changed === sql) throw new Error(`answer-sql: the batch statement no longer matches ${from}`);
  return changed;
}

/** The foreign key from each logged save to its attempt, as migration 0003 made it. */
const FOREIGN_KEY = 'answer_saves_attempt_id_attempts_id_fk';

const variants: { name: string; sql: string; foreignKey?: false }[] = [
  { name: 'as written', sql: SAVE_BATCH_SQL },
  { name: 'without the foreign key', sql: SAVE_BATCH_SQL, foreignKey: false },
  {
    name: 'without the answers upsert',
    sql: without(SAVE_BATCH_SQL, /, moved AS \([\s\S]*?RETURNING 1\n\)/),
  },
  {
    name: 'without FOR SHARE',
    sql: without(
      SAVE_BATCH_SQL,
      /open_parts AS \(([\s\S]*?)\n {2}FOR SHARE\n\)/,
      'open_parts AS MATERIALIZED ($1\n)',
    ),
  },
];

const bench = await createBenchDatabase(
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
);
try {
  await seedSitting(bench.database, ATTEMPTS);
  await bench.database.close();
  const client = new pg.Client({ connectionString: bench.url });
  await client.connect();
  // An attempt per enrolment with Part One running, as after the start spike.
  await client.query(`INSERT INTO attempts (enrolment_id, candidate_id, form_id, option_seed, created_at)
    SELECT id, candidate_id, gen_random_uuid(), 1, now() FROM enrolments`);
  await client.query(`INSERT INTO attempt_parts (attempt_id, part, base_limit_ms, started_at, deadline_at)
    SELECT id, 1, 5400000, now(), now() + interval '2 hours' FROM attempts`);
  const ids = (await client.query<{ id: string }>('SELECT id FROM attempts')).rows.map((r) => r.id);
  const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!
    .pid;
  const seqs = new Map<string, number>();

  let keyed = true;
  /** Drops or restores the foreign key between variants (restored NOT VALID: no scan). */
  async function foreignKey(on: boolean): Promise<void> {
    if (on === keyed) return;
    await client.query(
      on
        ? `ALTER TABLE answer_saves ADD CONSTRAINT ${FOREIGN_KEY} FOREIGN KEY (attempt_id) REFERENCES attempts(id) ON DELETE CASCADE NOT VALID`
        : `ALTER TABLE answer_saves DROP CONSTRAINT ${FOREIGN_KEY}`,
    );
    keyed = on;
  }

  async function run(
    sql: string,
    name: string,
  ): Promise<{ cpu: number; wall: number; rows: number }> {
    let cpu = 0;
    let wall = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const from = (round * BATCH) % ATTEMPTS;
      const chosen = ids.slice(from, from + BATCH);
      const seq = chosen.map((id) => {
        const next = (seqs.get(id) ?? 0) + 1;
        seqs.set(id, next);
        return next;
      });
      const values = [
        chosen,
        seq,
        chosen.map(() => 1 + Math.floor(Math.random() * 60)),
        chosen.map(() => Math.floor(Math.random() * 4)),
        chosen.map(() => false),
        new Date(Date.now() - 60_000),
        new Date(),
        chosen.map(() => 0),
      ];
      const cpuBefore = cpuSecondsOf(backend);
      const started = performance.now();
      await client.query({ name, text: sql, values });
      wall += performance.now() - started;
      cpu += cpuSecondsOf(backend) - cpuBefore;
    }
    return { cpu, wall: wall / 1000, rows: ROUNDS * BATCH };
  }

  // Variants alternate, and the first pass only warms caches and fills `answers`.
  const totals = variants.map(() => ({ cpu: 0, wall: 0, rows: 0 }));
  for (let pass = 0; pass <= REPEATS; pass += 1) {
    for (const [i, variant] of variants.entries()) {
      await foreignKey(variant.foreignKey ?? true);
      const result = await run(variant.sql, `answer_sql_${i}`);
      if (pass === 0) continue;
      totals[i]!.cpu += result.cpu;
      totals[i]!.wall += result.wall;
      totals[i]!.rows += result.rows;
    }
  }
  const us = (seconds: number, rows: number) => ((seconds * 1e6) / rows).toFixed(1).padStart(6);
  console.log(
    `Part One's batch statement, ${BATCH} saves a batch, ${REPEATS} x ${ROUNDS} batches each`,
  );
  console.log('variant                        backend CPU/save  wall/save');
  for (const [i, variant] of variants.entries()) {
    const t = totals[i]!;
    console.log(
      `${variant.name.padEnd(30)} ${us(t.cpu, t.rows)} us         ${us(t.wall, t.rows)} us`,
    );
  }
  await client.end();
} finally {
  await bench.drop();
}
