import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  clientMessageSchema,
  PROCTOR_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  proctorClientMessageSchema,
} from '@exam/shared/protocol';
import { proctorAlertAcks, sittingProctors, sittings } from '../src/db/schema/index.js';
import { sitPartOne } from './helpers/analysis-fixture.js';
import { associationAObjects } from './helpers/association-a.js';
import type { AssociationAObjects } from './helpers/association-routes.js';
import {
  B_PASSWORD,
  fingerprint,
  makeAssociationB,
  objectIdsOfA,
} from './helpers/association-walk.js';
import { userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

/**
 * The isolation walk's websocket half: every message of both protocols, sent by association B's
 * candidate (exam socket) and B's proctor (on B's own sitting's dashboard), carrying A's ids
 * wherever a message takes one. Nothing of A's may change and no reply may carry A's ids. The
 * sample list must hold every message type, so a new message fails here until it is walked.
 */
let t: TestApp;
let a: AssociationAObjects;
let bSittingId: string;

/** One valid message of every exam type: A's positions and revisions, as a candidate of A sends. */
const examMessages = [
  { type: 'hello', protocolVersion: PROTOCOL_VERSION, lastAckedSeq: 0 },
  { type: 'answer.save', seq: 1, position: 1, choice: 2, flagged: true },
  { type: 'part.start', part: 1 },
  { type: 'part.submit', part: 1 },
  { type: 'time.sync', clientSentAt: 1 },
  { type: 'draft.save', vignette: 1, revision: 1, doc: { type: 'doc', content: [] } },
  { type: 'draft.patch', vignette: 1, base: 1, revision: 2, size: 2, steps: [{}] },
  { type: 'choice.set', revision: 1, chosen: [1, 2] },
  { type: 'paste.record', vignette: 1, chars: 10, outcome: 'pasted' },
  { type: 'device.prove', signature: 'AAAA' },
  {
    type: 'tools.save',
    target: 'question',
    position: 1,
    revision: 1,
    struck: [0],
    highlights: [],
    note: 'Another association',
  },
  { type: 'display.set', revision: 1, largeText: true, highContrast: true },
];

function proctorMessages(): unknown[] {
  return [
    { type: 'hello', protocolVersion: PROCTOR_PROTOCOL_VERSION },
    { type: 'time.sync', clientSentAt: 1 },
    // Alert ids name A's enrolment: acknowledging them must touch only B's sitting.
    { type: 'alert.acknowledge', alertIds: [`integrity-${a.enrolmentId}-1`, a.enrolmentId] },
  ];
}

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  const { db } = t.database;
  await sitPartOne(t.app, db, 'candidate@demo.test', (p) => (p % 2 === 0 ? 'next' : 'key'));
  a = await associationAObjects(t.app, db);
  const bId = await makeAssociationB(db);
  const [sitting] = await db
    .insert(sittings)
    .values({ associationId: bId, name: 'B sitting', status: 'open' })
    .returning({ id: sittings.id });
  bSittingId = sitting!.id;
  await db
    .insert(sittingProctors)
    .values({ sittingId: bSittingId, proctorId: await userIdOf(db, 'proctor@b.test') });
}, 120_000);
afterAll(() => t.close());

/** Opens a socket, sends each message in turn, and returns everything the server said. */
async function converse(path: string, cookie: string, messages: unknown[]): Promise<string> {
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  const ws = new WebSocket(`ws://127.0.0.1:${address.port}${path}`, {
    headers: { origin: TEST_ORIGIN, cookie },
  });
  const received: string[] = [];
  ws.on('message', (data) => received.push(data.toString()));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade ${res.statusCode}`)));
    ws.once('error', reject);
  });
  for (const message of messages) {
    ws.send(JSON.stringify(message));
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  ws.close();
  return received.join('\n');
}

async function acksOfA(): Promise<number> {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(proctorAlertAcks)
    .where(eq(proctorAlertAcks.sittingId, a.sittingId));
  return row!.n;
}

describe("association B's people send every websocket message against A's objects", () => {
  it('walks every message type of both protocols', () => {
    const examTypes = clientMessageSchema.options.map((o) => o.shape.type.value).sort();
    expect(examMessages.map((m) => m.type).sort()).toEqual(examTypes);
    for (const message of examMessages) expect(clientMessageSchema.parse(message)).toBeTruthy();
    const proctorTypes = proctorClientMessageSchema.options.map((o) => o.shape.type.value);
    expect(
      proctorMessages()
        .map((m) => (m as { type: string }).type)
        .sort(),
    ).toEqual([...proctorTypes].sort());
  });

  it("changes nothing of A's and tells B's people nothing of A", async () => {
    const before = await fingerprint(t.database.db);
    const acksBefore = await acksOfA();
    const candidate = await loginAs(t.app, 'candidate@b.test', B_PASSWORD);
    const proctor = await loginAs(t.app, 'proctor@b.test', B_PASSWORD);
    const exam = await converse('/ws/exam', candidate, examMessages);
    const dashboard = await converse(
      `/ws/proctor?sitting=${bSittingId}`,
      proctor,
      proctorMessages(),
    );
    // Both sockets did answer: the walk reached the message handlers.
    expect(dashboard).toContain('dashboard.snapshot');
    expect(exam).not.toBe('');
    const shown = [...objectIdsOfA(a), 'Casey Candidate', 'candidate@demo.test'].filter(
      (id) => exam.includes(id) || dashboard.replace(/alertIds":\[[^\]]*\]/g, '').includes(id),
    );
    expect(shown).toEqual([]);
    expect(await fingerprint(t.database.db)).toEqual(before);
    expect(await acksOfA()).toBe(acksBefore);
  }, 60_000);
});
