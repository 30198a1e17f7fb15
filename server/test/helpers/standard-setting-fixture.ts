import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import type { BankFormListResponse } from '@exam/shared/api';
import { auditLog, sittings } from '../../src/db/schema/index.js';
import { call, userIdOf } from './grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './test-app.js';

const people = ['panelist1@demo.test', 'panelist2@demo.test', 'candidate@demo.test'] as const;

/**
 * The demo programme for a standard-setting file: an administrator running studies, two
 * panelists, a candidate of the open sitting, and that sitting's IMH-E and ECMH-E forms. Registers
 * the file's hooks (the app starts before its tests and closes after); the fields are set once it
 * has started, so a file reads them in a `beforeAll` of its own.
 */
export function useStandardSettingApp() {
  const world = {
    t: undefined as unknown as TestApp,
    editor: '',
    panelist1: '',
    panelist2: '',
    candidate: '',
    /** User ids by email, for the people above. */
    ids: {} as Record<string, string>,
    sittingId: '',
    imhForm: '',
    ecmhForm: '',
  };

  beforeAll(async () => {
    const t = await createTestApp();
    world.t = t;
    world.editor = await loginAs(t.app, 'admin@demo.test');
    world.panelist1 = await loginAs(t.app, 'panelist1@demo.test');
    world.panelist2 = await loginAs(t.app, 'panelist2@demo.test');
    world.candidate = await loginAs(t.app, 'candidate@demo.test');
    for (const email of people) world.ids[email] = await userIdOf(t.database.db, email);
    const [open] = await t.database.db.select().from(sittings).where(eq(sittings.status, 'open'));
    world.sittingId = open!.id;
    world.imhForm = open!.forms['IMH-E']!;
    world.ecmhForm = open!.forms['ECMH-E']!;
  });
  afterAll(() => world.t.close());

  const get = (cookie: string, url: string) => call(world.t.app, cookie, 'GET', url);
  const post = (cookie: string, url: string, body: object = {}) =>
    call(world.t.app, cookie, 'POST', url, body);
  const rate = (cookie: string, id: string, body: object) =>
    call(world.t.app, cookie, 'PUT', `/api/standard-setting/panel/${id}/ratings`, body);

  return {
    world,
    get,
    post,
    rate,

    /** The form's cut as the bank lists it. */
    async formCut(id: string): Promise<number> {
      const forms: BankFormListResponse = (await get(world.editor, '/api/bank/forms')).json();
      return forms.forms.find((f) => f.id === id)!.cutScore;
    },

    /** Rates every one of the form's 60 items the same in this round, each save accepted. */
    async rateAll(cookie: string, id: string, round: 1 | 2, rating: number) {
      for (let position = 1; position <= 60; position += 1) {
        const saved = await rate(cookie, id, { round, position, rating });
        expect(saved.statusCode, saved.body).toBe(200);
      }
    },

    async auditOf(action: string) {
      return world.t.database.db.select().from(auditLog).where(eq(auditLog.action, action));
    },
  };
}
