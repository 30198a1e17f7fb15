import { PROTOCOL_VERSION } from '@exam/shared/protocol';
import {
  createFaultDatabase,
  requireTestDatabaseUrl,
  seedOpenSitting,
  type FaultDatabase,
  type SeededCandidate,
} from './fault-database.js';
import { RecordingSocket, seedAdministrator, startInstances } from './instances.js';
import type { ServerProcess } from './server-process.js';

/** How soon an action on one instance must reach a socket on the other. */
export const WITHIN_MS = 1000;
/** How long a test waits for any one message before it fails. */
export const WAIT_MS = 5000;

export type Message = Record<string, unknown>;

/** Matches a server message of `type` (and `extra`, when given), for RecordingSocket.next. */
export const ofType =
  (type: string, extra: (m: Message) => boolean = () => true) =>
  (m: Message) =>
    m.type === type && extra(m) ? m : undefined;

/** Opens a candidate's socket on `instance` and waits for its welcome; `since` is when it began. */
export async function welcomedOn(
  instance: ServerProcess,
  cookie: string,
): Promise<{ socket: RecordingSocket; since: number }> {
  const socket = new RecordingSocket(instance.wsUrl, instance.baseUrl, cookie);
  await socket.opened;
  const since = Date.now();
  socket.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, lastAckedSeq: 0 });
  await socket.next(ofType('welcome'), since, WAIT_MS);
  return { socket, since };
}

/** Instance A and B on one fresh database with an open sitting and an administrator. */
export interface TwoInstances {
  database: FaultDatabase;
  a: ServerProcess;
  b: ServerProcess;
  seats: SeededCandidate[];
  admin: { userId: string; cookie: string };
}

/**
 * A fresh fault database with an open sitting of `candidates` seats and an administrator, and two
 * server processes on it: A starts first, so it holds the leadership the tests rely on.
 */
export async function startTwoInstances(
  candidates: number,
  sitting?: Parameters<typeof seedOpenSitting>[2],
): Promise<TwoInstances> {
  const database = await createFaultDatabase(requireTestDatabaseUrl());
  try {
    const seats = await seedOpenSitting(database.database.db, candidates, sitting);
    const admin = await seedAdministrator(database.database.db);
    const [a, b] = (await startInstances(database.url, 2)) as [ServerProcess, ServerProcess];
    return { database, a, b, seats, admin };
  } catch (error) {
    // The caller never receives the database, so its afterAll cannot drop it: drop it here.
    await database.drop();
    throw error;
  }
}

/** Closes the tests' sockets, then stops both instances and drops the database (any may be unset). */
export async function stopTwoInstances(
  started: Partial<TwoInstances>,
  sockets: readonly RecordingSocket[],
): Promise<void> {
  for (const socket of sockets) socket.close();
  await started.a?.kill();
  await started.b?.kill();
  await started.database?.drop();
}
