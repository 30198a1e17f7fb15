import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface BaselineResult {
  clients: number;
  commits: number;
  commitsPerSecond: number;
}

/** A table with the shape and key of an answer save, for the baselines to insert into. */
export const answerRowTable = (name: string) => `
CREATE TABLE IF NOT EXISTS ${name} (
  attempt_id uuid NOT NULL,
  seq bigint NOT NULL,
  position smallint NOT NULL,
  choice smallint,
  flagged boolean NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (attempt_id, seq)
)`;

const INSERT_SQL =
  'INSERT INTO bench_raw (attempt_id, seq, position, choice, flagged) VALUES ($1, $2, $3, $4, $5)';

/**
 * What plain `pg` does on the same database: `clients` connections each committing one row per
 * autocommit INSERT (a prepared statement, like the server's hot path) as fast as they can.
 * The row has the shape of an answer save, with the same primary key.
 */
export async function rawInsertBaseline(
  url: string,
  clients: number,
  ms: number,
): Promise<BaselineResult> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(answerRowTable('bench_raw'));
  await setup.end();

  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const started = performance.now();
  const until = started + ms;
  const counts = await Promise.all(
    connections.map(async (client) => {
      const attemptId = randomUUID();
      let seq = 0;
      while (performance.now() < until) {
        seq += 1;
        await client.query({
          name: 'bench_raw_insert',
          text: INSERT_SQL,
          values: [attemptId, seq, 1 + (seq % 60), seq % 4, false],
        });
      }
      return seq;
    }),
  );
  const elapsed = performance.now() - started;
  await Promise.all(connections.map((client) => client.end()));
  const commits = counts.reduce((a, b) => a + b, 0);
  return { clients, commits, commitsPerSecond: (commits * 1000) / elapsed };
}
