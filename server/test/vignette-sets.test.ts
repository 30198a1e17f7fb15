import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VignetteSetInput } from '@exam/shared/api';
import { auditLog } from '../src/db/schema/index.js';
import { apiAs, sittingInput } from './helpers/coordinator.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

let t: TestApp;
/** The programme's administrator, who alone edits vignette sets (issue 20). */
let api: ReturnType<typeof apiAs>;
/** A coordinator, who schedules the sittings that use them. */
let coordinator: ReturnType<typeof apiAs>;

const input: VignetteSetInput = {
  title: 'Autumn policy set',
  variant: 'policy',
  endorsement: null,
  audience: 'mentor',
  requiredCount: 2,
  instructions: 'Answer two of the three vignettes as a leader.',
  vignettes: [1, 2, 3].map((n) => ({
    title: `Case ${n}`,
    caseText: [`First paragraph of case ${n}.`, `Second paragraph of case ${n}.`],
    prompts: ['What would you do first, and why?'],
    domains: ['administration', 'systems-expertise'],
  })),
};

beforeAll(async () => {
  t = await createTestApp();
  api = apiAs(t.app, await loginAs(t.app, 'admin@demo.test'));
  coordinator = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
});
afterAll(() => t.close());

describe('vignette set editing', () => {
  it('creates and edits a set, every change audited', async () => {
    const created = await api.post('/api/vignette-sets', input);
    expect(created.status).toBe(201);
    const set = created.body.set;
    expect(set).toMatchObject({ title: 'Autumn policy set', vignetteCount: 3, locked: false });
    expect(set.vignettes[1]).toMatchObject({ position: 2, title: 'Case 2' });

    const edited = await api.put(`/api/vignette-sets/${set.id}`, {
      ...input,
      requiredCount: 1,
      vignettes: input.vignettes.slice(0, 2),
    });
    expect(edited.body.set).toMatchObject({ requiredCount: 1, vignetteCount: 2 });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, set.id));
    expect(audits.map((a) => a.action)).toEqual(['vignette_set.create', 'vignette_set.update']);
  });

  it('refuses sets candidates could not answer', async () => {
    const tooMany = await api.post('/api/vignette-sets', { ...input, requiredCount: 4 });
    expect(tooMany.status).toBe(400);
    const specialistPolicy = await api.post('/api/vignette-sets', {
      ...input,
      audience: 'specialist',
    });
    expect(specialistPolicy.body.error.message).toMatch(/Specialists answer Clinical/);
  });

  it('keeps sets shown in an opened sitting unchanged, and in-use sets from retiring', async () => {
    const sets = (await api.get('/api/vignette-sets')).body.sets as {
      id: string;
      locked: boolean;
    }[];
    // Every demo set is in the open demo sitting.
    expect(sets.filter((s) => s.locked).length).toBeGreaterThan(0);
    const shown = sets.find((s) => s.locked)!;
    const edit = await api.put(`/api/vignette-sets/${shown.id}`, input);
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('VIGNETTE_SET_LOCKED');
    expect((await api.post(`/api/vignette-sets/${shown.id}/retire`)).body.error.code).toBe(
      'VIGNETTE_SET_IN_USE',
    );

    const fresh = (await api.post('/api/vignette-sets', input)).body.set;
    const sitting = (
      await coordinator.post('/api/sittings', sittingInput({ vignetteSetIds: [fresh.id] }))
    ).body.sitting;
    // A draft sitting does not hold the set; a scheduled one does.
    expect((await api.post(`/api/vignette-sets/${fresh.id}/retire`)).body.set.status).toBe(
      'retired',
    );
    expect((await api.post(`/api/vignette-sets/${fresh.id}/restore`)).body.set.status).toBe(
      'active',
    );
    await coordinator.post(`/api/sittings/${sitting.id}/transition`, { to: 'scheduled' });
    const retire = await api.post(`/api/vignette-sets/${fresh.id}/retire`);
    expect(retire.body.error.message).toMatch(/Spring sitting/);
  });
});
