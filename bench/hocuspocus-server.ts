import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import pg from 'pg';
import * as Y from 'yjs';
import { DURABLE_NOTICE, type DurableNotice } from './essay-protocol.js';

/**
 * The comparison server for the essay section, run as its own process by bench/essay-section.ts:
 * stock Hocuspocus with its default debounce (2 s, at most 10 s) and the stock database
 * extension, storing `Y.encodeStateAsUpdate(document)` as bytea in the bench's PostgreSQL
 * database (an upsert per store, autocommit, the server's default synchronous_commit). The
 * only addition is the durability notice: after a store commits, it tells the document's
 * clients which Yjs clocks that stored state includes.
 *
 * Environment: DATABASE_URL, PORT, DATABASE_POOL_SIZE (default 20, as our server's pool).
 */

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const port = Number(process.env.PORT ?? 0);
const pool = new pg.Pool({
  connectionString: url,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
});

await pool.query(`
  CREATE TABLE IF NOT EXISTS hocuspocus_documents (
    name text PRIMARY KEY,
    data bytea NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`);

const UPSERT = `
  INSERT INTO hocuspocus_documents (name, data) VALUES ($1, $2)
  ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`;

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  extensions: [
    new Database({
      async fetch({ documentName }) {
        const { rows } = await pool.query<{ data: Buffer }>(
          'SELECT data FROM hocuspocus_documents WHERE name = $1',
          [documentName],
        );
        return rows[0]?.data ?? null;
      },
      async store({ documentName, state, document }) {
        // The extension encoded `state` just before calling this, in the same synchronous turn,
        // so the state vector read here is exactly the one that state covers.
        const clocks = Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(document)));
        await pool.query(UPSERT, [documentName, state]);
        const notice: DurableNotice = { type: DURABLE_NOTICE, clocks };
        document.broadcastStateless(JSON.stringify(notice));
      },
    }),
  ],
});

await server.listen();
console.log(`hocuspocus is up on port ${server.address.port}`);

process.once('exit', () => void pool.end());
