// Counts the statements a process sends PostgreSQL through pg, by text (prepared or not), and
// writes them to $STATEMENT_COUNT_DIR/statements.<pid>.json every 2 s and at exit. A profiling
// aid for the start spike (bench/README.md), loaded into every node process of a run:
//   STATEMENT_COUNT_DIR=/tmp/counts NODE_OPTIONS="--import ./bench/statement-counter.mjs" \
//     BENCH_PARTS=start npm run bench
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const pg = createRequire(new URL('../server/package.json', import.meta.url))('pg');
const dir = process.env.STATEMENT_COUNT_DIR ?? '.';
const counts = new Map();
const query = pg.Client.prototype.query;

pg.Client.prototype.query = function countedQuery(config, values, callback) {
  const text = typeof config === 'string' ? config : (config?.text ?? config?.name ?? '?');
  const prepared = typeof config === 'object' && config?.name ? 'prepared ' : '';
  // Parameter lists of any length count as one statement shape.
  const key =
    prepared +
    String(text)
      .replace(/\s+/g, ' ')
      .replace(/\$\d+(, ?\$\d+)*/g, '$n');
  counts.set(key, (counts.get(key) ?? 0) + 1);
  return query.call(this, config, values, callback);
};

function write() {
  if (counts.size === 0) return;
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  writeFileSync(`${dir}/statements.${process.pid}.json`, JSON.stringify(sorted, null, 1));
}
setInterval(write, 2000).unref();
process.on('exit', write);
