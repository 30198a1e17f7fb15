import { customType } from 'drizzle-orm/pg-core';

/**
 * Raw bytes as PostgreSQL `bytea`: supporting documents and check-in photos live in the
 * database, behind its row-level security, rather than in a file store only the app guards.
 */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType() {
    return 'bytea';
  },
  fromDriver(value) {
    // pg hands a Buffer, PGlite a Uint8Array: callers always get a Buffer.
    return Buffer.isBuffer(value) ? value : Buffer.from(value);
  },
});
