import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptParts, attempts, lateChanges, users } from '../../server/src/db/schema/index.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from '../support/browser-harness.js';
import { OffsetClock } from '../support/offset-clock.js';
import {
  indicator,
  reachPartTwo,
  textOf,
  typeInto,
  type DocNode,
} from '../support/part-two-pages.js';

/**
 * Part Two's deadline passes while the candidate is offline with text typed before it: back
 * online, the text reaches the server, is held for the proctor, and is never shown as saved.
 * The server's clock jumps (OffsetClock) instead of the test waiting 90 minutes.
 */
const clock = new OffsetClock();
let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness({
    clock,
    env: { OUTAGE_THRESHOLD_MS: String(24 * 3600_000), SAVE_GRACE_MS: '5000' },
  });
});
afterAll(async () => {
  await harness?.close();
});

async function partTwoOf(email: string) {
  const { db } = harness.database;
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const [attempt] = await db.select().from(attempts).where(eq(attempts.candidateId, user!.id));
  const [part] = await db
    .select()
    .from(attemptParts)
    .where(and(eq(attemptParts.attemptId, attempt!.id), eq(attemptParts.part, 2)));
  return { attemptId: attempt!.id, part: part! };
}

describe('Part Two: the deadline passes while offline', () => {
  it('text typed offline before 0:00 is held for the proctor on reconnecting, never shown as saved', async () => {
    const { page, context, problems } = await harness.newPage();
    let socketCut = false;
    await page.routeWebSocket(/\/ws\/exam$/, async (ws) => {
      if (socketCut) await ws.close({ code: 4503, reason: 'network cut (test)' });
      else ws.connectToServer();
    });
    await signIn(page, 'mentor.policy@demo.test');
    await reachPartTwo(page);
    const { attemptId, part } = await partTwoOf('mentor.policy@demo.test');
    const deadline = part.deadlineAt!.getTime();
    clock.setNow(deadline - 60_000);
    await typeInto(page, 1, 'Saved in time.');
    await expect
      .poll(() => indicator(page).textContent(), { timeout: 10_000 })
      .toMatch(/^All answers saved/);

    socketCut = true;
    await context.setOffline(true);
    await typeInto(page, 1, ' Typed offline before the end.');
    await expect
      .poll(() => indicator(page).textContent(), { timeout: 10_000 })
      .toMatch(/^1 change waiting to save – you are offline/);

    clock.setNow(deadline + 60_000);
    await expect
      .poll(async () => (await partTwoOf('mentor.policy@demo.test')).part.closedStatus, {
        timeout: 10_000,
      })
      .toBe('expired');

    socketCut = false;
    await context.setOffline(false);
    await expect
      .poll(() => indicator(page).textContent(), { timeout: 30_000 })
      .toBe(
        '1 response reached us after time ran out; the proctor will decide. They are kept on this device.',
      );
    const held = await harness.database.db
      .select()
      .from(lateChanges)
      .where(eq(lateChanges.attemptId, attemptId));
    expect(held.map((h) => [h.part, h.kind, h.status])).toEqual([[2, 'draft', 'held']]);
    const payload = held[0]!.payload as { doc: DocNode };
    expect(textOf(payload.doc)).toBe('Saved in time. Typed offline before the end.');
    await expectNoAxeViolations(page);
    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|4503/.test(p))).toEqual([]);
  });
});
