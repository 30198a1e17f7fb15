import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { WebSocket } from 'ws';
import { parseServerMessage, type ServerMessage } from '@exam/shared/protocol';
import { enrolments, sessions, users } from '../../../server/src/db/schema/index.js';
import type { Db } from '../../../server/src/db/client.js';
import { sessionIdFromToken } from '../../../server/src/modules/auth/index.js';
import { ServerProcess } from './server-process.js';

/** Two (or more) real server processes on one PostgreSQL database, each on its own port. */
export async function startInstances(
  databaseUrl: string,
  count: number,
  env: Record<string, string> = {},
): Promise<ServerProcess[]> {
  const instances: ServerProcess[] = [];
  // One after the other: the first to start takes the leadership, which the tests rely on.
  for (let i = 0; i < count; i += 1) {
    const instance = await ServerProcess.create({ databaseUrl, env });
    await instance.start();
    instances.push(instance);
  }
  return instances;
}

/** A new live session for a user (a second device's sign-in), as the Cookie header value. */
export async function newSession(db: Db, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await db.insert(sessions).values({
    id: sessionIdFromToken(token),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 12 * 3_600_000),
  });
  return `sid=${token}`;
}

/** An administrator (who may watch and act on any sitting) with a live session. */
export async function seedAdministrator(db: Db): Promise<{ userId: string; cookie: string }> {
  const [admin] = await db
    .insert(users)
    .values({
      email: `instances-admin-${randomBytes(4).toString('hex')}@faults.test`,
      displayName: 'Instances Admin',
      passwordHash: 'not-used',
      roles: ['admin'],
      // Production enforces two-factor for administrators; this one has enrolled (never used).
      totpSecret: 'JBSWY3DPEHPK3PXP',
      totpEnabledAt: new Date(),
    })
    .returning({ id: users.id });
  if (!admin) throw new Error('administrator was not inserted');
  return { userId: admin.id, cookie: await newSession(db, admin.id) };
}

export async function enrolmentOf(
  db: Db,
  candidateId: string,
): Promise<{ enrolmentId: string; sittingId: string }> {
  const [row] = await db
    .select({ enrolmentId: enrolments.id, sittingId: enrolments.sittingId })
    .from(enrolments)
    .where(eq(enrolments.candidateId, candidateId));
  if (!row) throw new Error(`no enrolment for ${candidateId}`);
  return row;
}

/**
 * A websocket that keeps every message it was sent, so a test can wait (bounded) for the first
 * one after a moment that matches, and see how and when it closed.
 */
export class RecordingSocket {
  readonly messages: { at: number; message: ServerMessage | Record<string, unknown> }[] = [];
  closedWith: { code: number; at: number } | undefined;
  private readonly socket: WebSocket;
  readonly opened: Promise<void>;

  constructor(url: string, origin: string, cookie: string) {
    this.socket = new WebSocket(url, { headers: { cookie, origin } });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      const message = parseServerMessage(text) ?? (JSON.parse(text) as Record<string, unknown>);
      this.messages.push({ at: Date.now(), message });
    });
    this.socket.on('close', (code) => {
      this.closedWith = { code, at: Date.now() };
    });
  }

  send(message: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The first message at or after `since` that `match` accepts, with when it came. */
  async next<T>(
    match: (message: Record<string, unknown>) => T | undefined,
    since: number,
    timeoutMs: number,
  ): Promise<{ at: number; value: T }> {
    const giveUp = Date.now() + timeoutMs;
    for (;;) {
      for (const { at, message } of this.messages) {
        if (at < since) continue;
        const value = match(message as Record<string, unknown>);
        if (value !== undefined) return { at, value };
      }
      if (Date.now() > giveUp) {
        const seen = this.messages.map((m) => (m.message as { type?: string }).type).join(', ');
        throw new Error(`no matching message within ${timeoutMs} ms (saw: ${seen})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async closed(timeoutMs: number): Promise<{ code: number; at: number }> {
    const giveUp = Date.now() + timeoutMs;
    while (!this.closedWith) {
      if (Date.now() > giveUp) throw new Error(`socket still open after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.closedWith;
  }

  close(): void {
    this.socket.terminate();
  }
}

/** POSTs a proctor action to one instance, as the administrator. */
export async function proctorAction(
  instance: ServerProcess,
  cookie: string,
  path: string,
  body: Record<string, unknown>,
): Promise<void> {
  const response = await fetch(`${instance.baseUrl}${path}`, {
    method: 'POST',
    headers: { cookie, origin: instance.baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}
