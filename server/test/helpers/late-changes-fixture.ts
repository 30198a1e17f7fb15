import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  attemptParts,
  lateChanges,
  serverHeartbeat,
  sittingProctors,
  users,
} from '../../src/db/schema/index.js';
import { ExamSocket, fixedForm, seedOpenSitting } from './exam-fixture.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './test-app.js';

/** The form every late-change file sits: its keys are known, so a test can answer right or wrong. */
export const form = fixedForm();

/**
 * An open sitting of `form` for these candidates (by default a Part One one, candidate@demo.test,
 * and a Part Two one, mentor.research@demo.test), with proctor@demo.test assigned, on an app that
 * listens for sockets. Registers the file's hooks: the app starts before its tests, every socket
 * a test opened closes after it, and the app closes at the end. `t` and `sittingId` are set once
 * it has started.
 */
export function useLateChangesApp(
  emails: string[] = ['candidate@demo.test', 'mentor.research@demo.test'],
) {
  let t: TestApp;
  let sittingId: string;
  const open: ExamSocket[] = [];
  const sessions = new Map<string, string>();

  /** The person's session cookie, signed in once per file. */
  async function cookieOf(email: string) {
    const cookie = sessions.get(email) ?? (await loginAs(t.app, email));
    sessions.set(email, cookie);
    return cookie;
  }

  async function userIdOf(email: string) {
    const [row] = await t.database.db.select().from(users).where(eq(users.email, email));
    return row!.id;
  }

  beforeAll(async () => {
    t = await createTestApp({ forms: form.source, listen: true });
    ({ sittingId } = await seedOpenSitting(t.database.db, {
      formId: form.formId,
      emails,
      vignetteSets: true,
    }));
    await t.database.db
      .insert(sittingProctors)
      .values({ sittingId, proctorId: await userIdOf('proctor@demo.test') });
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  return {
    get t() {
      return t;
    },
    get sittingId() {
      return sittingId;
    },
    userIdOf,
    cookieOf,

    /** An exam socket of the person's, closed after the test. */
    async socketOf(email: string) {
      const socket = await ExamSocket.connect(t.app, await cookieOf(email));
      open.push(socket);
      return socket;
    },

    async contextOf(email: string) {
      return t.app.exam.delivery.openForCandidate(await userIdOf(email));
    },

    /** Jumping the test clock looks like an outage; record that the server was up all along. */
    async serverWasUpUntilNow() {
      await t.database.db
        .update(serverHeartbeat)
        .set({ lastBeatAt: new Date(t.clock.now().getTime() - 1000) });
    },

    /** The attempt's late changes, in the order they were sent. */
    async lateRows(attemptId: string) {
      return t.database.db
        .select()
        .from(lateChanges)
        .where(eq(lateChanges.attemptId, attemptId))
        .orderBy(lateChanges.seq);
    },

    /** The attempt's Part One result as scored (with the late answers accepted so far). */
    async partOneResult(attemptId: string) {
      const [row] = await t.database.db
        .select()
        .from(attemptParts)
        .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, 1)));
      return row?.result as { correct: number } | undefined;
    },

    /** The sitting's late changes as the proctoring page asks for them, with this cookie. */
    async listAs(cookie: string) {
      return t.app.inject({
        url: `/api/proctoring/sittings/${sittingId}/late-changes`,
        headers: { origin: TEST_ORIGIN, cookie },
      });
    },
  };
}
