import type { DbOrTx } from './client.js';

interface Executable<P, R> {
  execute(params: P): Promise<R>;
}

/**
 * A hot statement that drizzle builds once per database handle instead of on every call (and
 * that node-postgres prepares by `name` once per connection; PGlite runs it as it is). Under
 * issue 23's start spike, drizzle building each query anew was a fifth of the server's CPU.
 * `build` makes it with `.prepare(name)` and `sql.placeholder` for what varies per call.
 */
export function preparedStatement<P extends Record<string, unknown>, R>(
  build: (db: DbOrTx) => Executable<P, R>,
): (db: DbOrTx, params: P) => Promise<R> {
  // A transaction handle is its own key: it is prepared for that transaction and then dropped.
  const built = new WeakMap<DbOrTx, Executable<P, R>>();
  return (db, params) => {
    let statement = built.get(db);
    if (!statement) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement.execute(params);
  };
}
