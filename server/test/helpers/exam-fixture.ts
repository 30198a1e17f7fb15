import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import { competencyDomains, type CompetencyDomain } from '@exam/shared/domain';
import { parseServerMessage, PROTOCOL_VERSION, type ServerMessage } from '@exam/shared/protocol';
import type { Db } from '../../src/db/client.js';
import {
  candidateProfiles,
  enrolments,
  sittings,
  users,
  DEFAULT_ASSOCIATION_ID,
} from '../../src/db/schema/index.js';
import type { DeliverableItem, FormItemSource } from '../../src/modules/delivery/index.js';
import { seedVignetteSets } from '../../src/seed/demo-vignettes.js';
import { demoVignetteSets } from '../../src/seed/content/vignettes.js';
import { TEST_ORIGIN } from './test-app.js';

/** A fixed 60-item form whose key is option (position % 4), so tests can score by hand. */
export function fixedForm(count = 60): {
  formId: string;
  items: DeliverableItem[];
  source: FormItemSource;
} {
  const formId = randomUUID();
  const items = Array.from({ length: count }, (_, i): DeliverableItem => {
    const position = i + 1;
    return {
      position,
      stem: `Question ${position}: which response best supports the caregiver-infant relationship?`,
      options: [0, 1, 2, 3].map((o) => `Q${position} option ${o}`),
      keyIndex: position % 4,
      shuffle: true,
      fixedOptions: [],
      domain: competencyDomains[i % competencyDomains.length] as CompetencyDomain,
    };
  });
  return {
    formId,
    items,
    source: {
      formItems: async (id) => {
        if (id !== formId) throw new Error(`unknown form ${id}`);
        return items;
      },
    },
  };
}

/** An open sitting with the given demo candidates enrolled (and admitted unless told otherwise). */
export async function seedOpenSitting(
  db: Db,
  options: {
    formId: string;
    emails: string[];
    admitted?: boolean;
    part1Minutes?: number;
    /** Seeds the demo vignette sets and puts them in the sitting, for Part Two. */
    vignetteSets?: boolean;
  },
): Promise<{ sittingId: string }> {
  const vignetteSetIds = options.vignetteSets ? await seedVignetteSets(db, demoVignetteSets) : [];
  const [sitting] = await db
    .insert(sittings)
    .values({
      associationId: DEFAULT_ASSOCIATION_ID,
      name: 'Test sitting',
      status: 'open',
      part1Minutes: options.part1Minutes ?? 90,
      forms: { 'IMH-E': options.formId, 'ECMH-E': options.formId },
      vignetteSets: vignetteSetIds,
    })
    .returning();
  if (!sitting) throw new Error('no sitting');
  const people = await db
    .select({ id: users.id, profile: candidateProfiles })
    .from(users)
    .innerJoin(candidateProfiles, eq(candidateProfiles.userId, users.id))
    .where(inArray(users.email, options.emails));
  for (const person of people) {
    await db.insert(enrolments).values({
      sittingId: sitting.id,
      candidateId: person.id,
      examEndorsement: person.profile.endorsement === 'ECMH-E' ? 'ECMH-E' : 'IMH-E',
      category: person.profile.category,
      track: person.profile.track,
      admittedAt: options.admitted === false ? null : new Date(),
    });
  }
  return { sittingId: sitting.id };
}

/** A real websocket client that records every server message it receives. */
export class ExamSocket {
  readonly messages: ServerMessage[] = [];
  readonly raw: string[] = [];
  closeCode: number | undefined;
  private waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] =
    [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      this.raw.push(text);
      const message = parseServerMessage(text);
      if (!message) throw new Error(`server sent an invalid message: ${text}`);
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
    options: { origin?: string; headers?: Record<string, string> } = {},
  ): Promise<ExamSocket> {
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('server not listening');
    const ws = new WebSocket(`ws://127.0.0.1:${address.port}/ws/exam`, {
      headers: {
        origin: options.origin ?? TEST_ORIGIN,
        ...(cookie ? { cookie } : {}),
        ...options.headers,
      },
    });
    const socket = new ExamSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
      ws.once('error', reject);
    });
  }

  send(message: object): void {
    this.ws.send(JSON.stringify(message));
  }

  next<T extends ServerMessage['type']>(
    type: T,
    match: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const test = (m: ServerMessage) =>
      m.type === type && match(m as Extract<ServerMessage, { type: T }>);
    const found = this.messages.find(test);
    if (found) {
      this.messages.splice(this.messages.indexOf(found), 1);
      return Promise.resolve(found as Extract<ServerMessage, { type: T }>);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), timeoutMs);
      this.waiters.push({
        match: test,
        resolve: (m) => {
          clearTimeout(timer);
          this.messages.splice(this.messages.indexOf(m), 1);
          resolve(m as Extract<ServerMessage, { type: T }>);
        },
      });
    });
  }

  async hello(lastAckedSeq = 0) {
    this.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, lastAckedSeq });
    return this.next('welcome');
  }

  closed(timeoutMs = 5000): Promise<number> {
    if (this.closeCode !== undefined) return Promise.resolve(this.closeCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.ws.once('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}

/**
 * Says hello on a candidate's socket, then finishes Part One and starts Part Two where they are
 * not done yet (unless the candidate cannot sit Part Two). Returns the latest welcome.
 */
export async function helloInPartTwo(socket: ExamSocket) {
  let welcome = await socket.hello();
  if (welcome.attempt.parts[0]?.status === 'not-started') {
    socket.send({ type: 'part.start', part: 1 });
    await socket.next('clock.update');
    socket.send({ type: 'part.submit', part: 1 });
    await socket.next('part.closed');
    welcome = await socket.next('welcome');
  }
  if (welcome.attempt.parts[1]?.status === 'not-started' && !welcome.attempt.partTwoProblem) {
    socket.send({ type: 'part.start', part: 2 });
    await socket.next('clock.update', (m) => m.clock.part === 2);
  }
  return welcome;
}
