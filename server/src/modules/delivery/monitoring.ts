import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Db } from '../../db/client.js';
import * as readsRepo from './delivery-reads.repo.js';

/**
 * What proctors watch, read from delivery's own tables so no other module touches them:
 * connection events, progress, and which attempt belongs to which enrolment. The live side is
 * `activity`, emitted by the delivery service whenever a candidate connects, drops or saves.
 */
export type AttemptActivity =
  | { kind: 'connect'; eventId: number; at: Date; takeover: boolean }
  /** `takenOver`: the socket closed because a newer one replaced it, not because the candidate left. */
  | { kind: 'disconnect'; eventId: number; at: Date; takenOver: boolean }
  /** A change was stored; the proctor's answered count may have moved. */
  | { kind: 'progress' };

export type ActivityEmitter = EventEmitter<{
  activity: [attemptId: string, activity: AttemptActivity];
}>;

export function createActivityEmitter(): ActivityEmitter {
  const emitter: ActivityEmitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return emitter;
}

/** A recorded connect or disconnect; `session` is a hash, never the session token itself. */
export interface ConnectionEvent {
  id: number;
  attemptId: string;
  type: 'connect' | 'disconnect';
  at: Date;
  takeover: boolean;
  /** A disconnect caused by a newer connection replacing this one. */
  takenOver: boolean;
  session: string | null;
}

/**
 * Identifies a sign-in session without keeping its token: the resume-code rule compares the
 * session a device connects with against the one that last held the attempt.
 */
export function sessionKeyOf(sessionToken: string | undefined): string {
  if (!sessionToken) return 'none';
  return createHash('sha256').update(`exam-session:${sessionToken}`).digest('hex').slice(0, 32);
}

export type AttemptMonitor = ReturnType<typeof createAttemptMonitor>;

export function createAttemptMonitor(deps: { db: Db }) {
  const { db } = deps;

  function toEvent(row: readsRepo.AttemptEventRow): ConnectionEvent {
    const details = row.details ?? {};
    return {
      id: row.id,
      attemptId: row.attemptId,
      type: row.type === 'connect' ? 'connect' : 'disconnect',
      at: row.at,
      takeover: details.takeover === true,
      takenOver: details.takenOver === true,
      session: typeof details.session === 'string' ? details.session : null,
    };
  }

  return {
    /** Attempt ids by enrolment id, for the enrolments that have one. */
    attemptsByEnrolment(enrolmentIds: readonly string[]): Promise<Map<string, string>> {
      return readsRepo.attemptIdsByEnrolment(db, enrolmentIds);
    },

    /** Answered Part One questions and Part Two responses with words, per attempt. */
    async progress(
      attemptIds: readonly string[],
    ): Promise<Map<string, { answered: number; responsesWritten: number }>> {
      const [answered, written] = await Promise.all([
        readsRepo.answeredCounts(db, attemptIds),
        readsRepo.writtenCounts(db, attemptIds),
      ]);
      return new Map(
        attemptIds.map((id) => [
          id,
          { answered: answered.get(id) ?? 0, responsesWritten: written.get(id) ?? 0 },
        ]),
      );
    },

    /** Every connect and disconnect of these attempts, oldest first. */
    async connectionEvents(attemptIds: readonly string[]): Promise<ConnectionEvent[]> {
      const rows = await readsRepo.connectionEvents(db, attemptIds, { newestFirst: false });
      return rows.map(toEvent);
    },

    /** The latest connection events across these attempts, newest first (for alerts). */
    async recentConnectionEvents(
      attemptIds: readonly string[],
      limit: number,
    ): Promise<ConnectionEvent[]> {
      const rows = await readsRepo.connectionEvents(db, attemptIds, { newestFirst: true, limit });
      return rows.map(toEvent);
    },

    async connectionEvent(id: number): Promise<ConnectionEvent | undefined> {
      const row = await readsRepo.findAttemptEvent(db, id);
      return row ? toEvent(row) : undefined;
    },
  };
}
