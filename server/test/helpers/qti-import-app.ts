import { count } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { auditLog, bankItems, bankItemVersions } from '../../src/db/schema/index.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './test-app.js';

/**
 * The demo app with an administrator signed in, and the calls of the QTI import: upload a
 * package to preview it, then confirm the plan previewed. Registers the file's hooks (the app
 * starts before its tests and closes after); `world` is set once it has started.
 */
export function useQtiImportApp() {
  const world = { t: undefined as unknown as TestApp, editor: '' };
  beforeAll(async () => {
    world.t = await createTestApp();
    world.editor = await loginAs(world.t.app, 'admin@demo.test');
  });
  afterAll(() => world.t.close());

  function upload(url: string, bytes: Uint8Array, cookie = world.editor) {
    return world.t.app.inject({
      method: 'POST',
      url,
      headers: { cookie, origin: TEST_ORIGIN, 'content-type': 'application/zip' },
      payload: Buffer.from(bytes),
    });
  }

  return {
    world,
    upload,
    preview: (bytes: Uint8Array) => upload('/api/bank/qti/import/preview', bytes),
    confirm: (bytes: Uint8Array, plan: string) =>
      upload(`/api/bank/qti/import/confirm?plan=${plan}`, bytes),

    /** Everything an import could change: items, versions and audit entries. */
    async snapshot() {
      const { db } = world.t.database;
      const [items] = await db.select({ n: count() }).from(bankItems);
      const [versions] = await db.select({ n: count() }).from(bankItemVersions);
      const [audits] = await db.select({ n: count() }).from(auditLog);
      return { items: items!.n, versions: versions!.n, audits: audits!.n };
    },
  };
}
