import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { answerSaves, users } from '../../server/src/db/schema/index.js';
import { ExamSocket, fixedForm, seedOpenSitting } from '../../server/test/helpers/exam-fixture.js';
import { createTestApp, loginAs, type TestApp } from '../../server/test/helpers/test-app.js';

export interface SocketAttackServer {
  /** The app listening on a port; set in beforeAll. */
  readonly t: TestApp;
  readonly port: number;
  /** The open sitting the four seeded candidates are admitted to. */
  readonly sittingId: string;
  connect(
    cookie: string | undefined,
    options?: Parameters<typeof ExamSocket.connect>[2],
  ): Promise<ExamSocket>;
  /** Closes `socket` after the test that opened it. */
  track(socket: ExamSocket): void;
  /** One sign-in per candidate: another sign-in would need a proctor's resume code. */
  signedIn(email: string): Promise<string>;
  savesOf(email: string): Promise<(typeof answerSaves.$inferSelect)[]>;
}

/**
 * The attack suite's websocket server, for one test file: a listening app with an open sitting
 * of four candidates, every socket a test opens closed after it, the app closed after the file.
 */
export function useSocketAttackServer(): SocketAttackServer {
  const form = fixedForm();
  const open: ExamSocket[] = [];
  const sessions = new Map<string, string>();
  let t: TestApp | undefined;
  let port = 0;
  let sittingId = '';

  beforeAll(async () => {
    t = await createTestApp({ forms: form.source, listen: true });
    const address = t.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
    ({ sittingId } = await seedOpenSitting(t.database.db, {
      formId: form.formId,
      emails: [
        'candidate@demo.test',
        'mentor.policy@demo.test',
        'mentor.research@demo.test',
        'mentor.clinical@demo.test',
      ],
      vignetteSets: true,
    }));
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });
  afterAll(() => t?.close());

  const app = () => {
    if (!t) throw new Error('the attack server starts in beforeAll');
    return t;
  };
  return {
    get t() {
      return app();
    },
    get port() {
      return port;
    },
    get sittingId() {
      return sittingId;
    },
    async connect(cookie, options) {
      const socket = await ExamSocket.connect(app().app, cookie, options);
      open.push(socket);
      return socket;
    },
    track(socket) {
      open.push(socket);
    },
    async signedIn(email) {
      const cookie = sessions.get(email) ?? (await loginAs(app().app, email));
      sessions.set(email, cookie);
      return cookie;
    },
    async savesOf(email) {
      const { db } = app().database;
      const [user] = await db.select().from(users).where(eq(users.email, email));
      const { attemptId } = await app().app.exam.delivery.openForCandidate(user!.id);
      return db.select().from(answerSaves).where(eq(answerSaves.attemptId, attemptId));
    },
  };
}

/** Waits until every socket has been closed by the server. */
export function closedCodes(sockets: ExamSocket[]): Promise<(number | undefined)[]> {
  return Promise.all(sockets.map((socket) => socket.closed(5000)));
}
