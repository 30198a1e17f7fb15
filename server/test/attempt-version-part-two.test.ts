import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoiceSet, DraftPatch, DraftSave } from '@exam/shared/protocol';
import {
  attemptParts,
  clockEvents,
  draftPatches,
  lateChanges,
  responses,
  users,
  vignetteChoices,
} from '../src/db/schema/index.js';
import { fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

// Issue 16, Part Two: another instance moves Part Two's clock and this one has not heard yet.
// Drafts, patches and the vignette choice are decided on the cached copy, checked against
// attempt_parts.version as Part One's answers are (attempt-version.test.ts).
const MIN = 60_000;
const form = fixedForm();
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ forms: form.source });
  await seedOpenSitting(t.database.db, {
    formId: form.formId,
    emails: ['candidate@demo.test', 'mentor.policy@demo.test'],
    vignetteSets: true,
  });
});
afterAll(async () => t.close());

async function inPartTwo(email: string) {
  const [user] = await t.database.db.select().from(users).where(eq(users.email, email));
  const { delivery } = t.app.exam;
  const context = await delivery.openForCandidate(user!.id);
  await delivery.startPart(context, 1, user!.id);
  await delivery.submitPart(context, 1, user!.id);
  await delivery.startPart(context, 2, user!.id);
  return { context, drafts: delivery.draftsFor(context) };
}

const part2 = (attemptId: string) =>
  and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, 2));

/** What another instance writes for a pause or a resume: a ledger entry and the part's row. */
async function elsewhere(attemptId: string, type: 'pause' | 'resume') {
  const { db } = t.database;
  await db.insert(clockEvents).values({
    attemptId,
    part: 2,
    type,
    at: t.clock.now(),
    reason: 'on another instance',
  });
  await db
    .update(attemptParts)
    .set({ paused: type === 'pause' })
    .where(part2(attemptId));
}

const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const draft = (revision: number, text: string): DraftSave => ({
  type: 'draft.save',
  vignette: 1,
  revision,
  doc: doc(text),
});
const typing = (
  base: number,
  revision: number,
  at: number,
  text: string,
  size: number,
): DraftPatch => ({
  type: 'draft.patch',
  vignette: 1,
  base,
  revision,
  size,
  steps: [{ stepType: 'replace', from: at, to: at, slice: { content: [{ type: 'text', text }] } }],
});
const choice = (revision: number): ChoiceSet => ({ type: 'choice.set', revision, chosen: [1, 2] });

describe('Part Two on a cached attempt checked against its version', () => {
  it('refuses drafts, patches and choices after another instance paused, and takes them after it resumed', async () => {
    const { context, drafts } = await inPartTwo('candidate@demo.test');
    const { delivery } = t.app.exam;
    const { db } = t.database;
    expect(await drafts.save(draft(1, 'First'))).toMatchObject({ ok: true });

    // Paused elsewhere: the copy says running, the stored version says otherwise.
    await elsewhere(context.attemptId, 'pause');
    expect(await drafts.save(draft(2, 'Second'))).toMatchObject({
      ok: false,
      code: 'PART_PAUSED',
    });
    const [response] = await db
      .select()
      .from(responses)
      .where(eq(responses.attemptId, context.attemptId));
    expect(response?.revision).toBe(1);
    expect(delivery.clockOf(context, 2).status).toBe('paused');

    // Resumed elsewhere: the copy says paused, but a refusal is confirmed first, so it is taken.
    await elsewhere(context.attemptId, 'resume');
    expect(await drafts.save(draft(2, 'Second'))).toMatchObject({ ok: true });
    expect(await drafts.patch(typing(2, 3, 7, '!', 9))).toEqual({ ok: true });

    // Paused elsewhere again: the patch writer's statement refuses the outdated version.
    await elsewhere(context.attemptId, 'pause');
    expect(await drafts.patch(typing(3, 4, 8, '?', 10))).toMatchObject({
      ok: false,
      code: 'PART_PAUSED',
    });
    const patches = await db
      .select({ revision: draftPatches.revision })
      .from(draftPatches)
      .where(eq(draftPatches.attemptId, context.attemptId));
    expect(patches).toEqual([{ revision: 3 }]);

    await elsewhere(context.attemptId, 'resume');
    expect(await delivery.setChoice(context, choice(1))).toEqual({ ok: true });
    await elsewhere(context.attemptId, 'pause');
    expect(await delivery.setChoice(context, choice(2))).toMatchObject({
      ok: false,
      code: 'PART_PAUSED',
    });
    const [chosen] = await db
      .select()
      .from(vignetteChoices)
      .where(eq(vignetteChoices.attemptId, context.attemptId));
    expect(chosen?.revision).toBe(1);
  });

  it('holds a draft, not stores it, once another instance cut the time so the deadline has passed', async () => {
    const { context, drafts } = await inPartTwo('mentor.policy@demo.test');
    const { db } = t.database;
    expect(await drafts.save(draft(1, 'In time'))).toMatchObject({ ok: true });
    // An hour in, another instance halves the allowed time: the deadline was 15 minutes ago.
    t.clock.advance(60 * MIN);
    await db.update(attemptParts).set({ timeMultiplier: 0.5 }).where(part2(context.attemptId));

    // The copy still says 30 minutes are left; the statement's version check says otherwise.
    expect(await drafts.save(draft(2, 'Too late'))).toMatchObject({ ok: false, held: true });
    expect(await drafts.patch(typing(1, 3, 8, '!', 10))).toMatchObject({
      ok: false,
      code: 'LATE_SEND_WHOLE',
    });
    const [response] = await db
      .select()
      .from(responses)
      .where(eq(responses.attemptId, context.attemptId));
    expect(response?.revision).toBe(1);
    const held = await db
      .select({ kind: lateChanges.kind, seq: lateChanges.seq })
      .from(lateChanges)
      .where(eq(lateChanges.attemptId, context.attemptId));
    expect(held).toEqual([{ kind: 'draft', seq: 2 }]);
  });
});
