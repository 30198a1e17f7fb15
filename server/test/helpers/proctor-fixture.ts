import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import {
  parseProctorServerMessage,
  PROCTOR_PROTOCOL_VERSION,
  type ProctorServerMessage,
} from '@exam/shared/protocol';
import type { Db } from '../../src/db/client.js';
import { enrolments, sittings, users } from '../../src/db/schema/index.js';
import { loginAs, TEST_ORIGIN } from './test-app.js';

type Of<T extends ProctorServerMessage['type']> = Extract<ProctorServerMessage, { type: T }>;

/** A real dashboard websocket that records every message the server pushes. */
export class ProctorSocket {
  readonly messages: ProctorServerMessage[] = [];
  closeCode: number | undefined;
  private waiters: {
    match: (m: ProctorServerMessage) => boolean;
    resolve: (m: ProctorServerMessage) => void;
  }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      const message = parseProctorServerMessage(text);
      if (!message) throw new Error(`server sent an invalid proctor message: ${text}`);
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) =>
        w.match(message) ? (w.resolve(message), false) : true,
      );
    });
    ws.on('close', (code) => {
      this.closeCode = code;
    });
  }

  static connect(
    app: FastifyInstance,
    cookie: string | undefined,
    sittingId: string,
    origin = TEST_ORIGIN,
  ): Promise<ProctorSocket> {
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('server not listening');
    const ws = new WebSocket(`ws://127.0.0.1:${address.port}/ws/proctor?sitting=${sittingId}`, {
      headers: { origin, ...(cookie ? { cookie } : {}) },
    });
    const socket = new ProctorSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
      ws.once('error', reject);
    });
  }

  /** The socket's close code, or -1 if it is still open after `withinMs`. */
  closed(withinMs = 2000): Promise<number> {
    if (this.closeCode !== undefined) return Promise.resolve(this.closeCode);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(-1), withinMs);
      this.ws.once('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  /** Says hello and waits for the snapshot. */
  async hello(): Promise<Of<'dashboard.snapshot'>> {
    this.ws.send(JSON.stringify({ type: 'hello', protocolVersion: PROCTOR_PROTOCOL_VERSION }));
    return this.next('dashboard.snapshot');
  }

  /** The next message of a type that matches, including ones already received. */
  next<T extends ProctorServerMessage['type']>(
    type: T,
    match: (m: Of<T>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Of<T>> {
    const test = (m: ProctorServerMessage) => m.type === type && match(m as Of<T>);
    const found = this.messages.find(test);
    if (found) {
      this.messages.splice(this.messages.indexOf(found), 1);
      return Promise.resolve(found as Of<T>);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), timeoutMs);
      this.waiters.push({
        match: test,
        resolve: (m) => {
          clearTimeout(timer);
          this.messages.splice(this.messages.indexOf(m), 1);
          resolve(m as Of<T>);
        },
      });
    });
  }

  /** Waits for a row update of one candidate that satisfies `match`. */
  candidate(
    enrolmentId: string,
    match: (c: Of<'candidate.update'>['candidate']) => boolean,
    timeoutMs = 5000,
  ) {
    return this.next(
      'candidate.update',
      (m) => m.candidate.enrolmentId === enrolmentId && match(m.candidate),
      timeoutMs,
    );
  }

  close(): void {
    this.ws.close();
  }
}

/** The demo sitting and its enrolments by candidate email. */
export async function demoSitting(db: Db) {
  const [sitting] = await db.select().from(sittings).where(eq(sittings.status, 'open'));
  if (!sitting) throw new Error('no open demo sitting');
  const rows = await db
    .select({ id: enrolments.id, email: users.email })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.candidateId))
    .where(eq(enrolments.sittingId, sitting.id));
  const enrolmentOf = (email: string) => {
    const row = rows.find((r) => r.email === email);
    if (!row) throw new Error(`${email} is not enrolled`);
    return row.id;
  };
  return { sittingId: sitting.id, enrolmentOf };
}

/** A second proctor, not assigned to any sitting, created through the real users route. */
export async function unassignedProctor(app: FastifyInstance): Promise<string> {
  const admin = await loginAs(app, 'admin@demo.test');
  const email = 'proctor.elsewhere@demo.test';
  const password = 'another-proctor-password';
  const response = await app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { origin: TEST_ORIGIN, cookie: admin },
    payload: { email, displayName: 'Pat Elsewhere', password, roles: ['proctor'] },
  });
  if (response.statusCode !== 201) throw new Error(`could not create proctor: ${response.body}`);
  return loginAs(app, email, password);
}

/** A POST the way the dashboard sends it. */
export function post(app: FastifyInstance, cookie: string, url: string, payload: object = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { origin: TEST_ORIGIN, cookie },
    payload,
  });
}
