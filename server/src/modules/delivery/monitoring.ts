import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { and, asc, count, desc, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { answers, attemptEvents, attempts } from '../../db/schema/delivery.js';
import { responses } from '../../db/schema/responses.js';

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

  function toEvent(row: typeof attemptEvents.$inferSelect): ConnectionEvent {
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
    async attemptsByEnrolment(enrolmentIds: readonly string[]): Promise<Map<string, string>> {
      if (enrolmentIds.length === 0) return new Map();
      const rows = await db
        .select({ id: attempts.id, enrolmentId: attempts.enrolmentId })
        .from(attempts)
        .where(inArray(attempts.enrolmentId, [...enrolmentIds]));
      return new Map(rows.map((row) => [row.enrolmentId, row.id]));
    },

    /** Answered Part One questions and Part Two responses with words, per attempt. */
    async progress(
      attemptIds: readonly string[],
    ): Promise<Map<string, { answered: number; responsesWritten: number }>> {
      const result = new Map(attemptIds.map((id) => [id, { answered: 0, responsesWritten: 0 }]));
      if (attemptIds.length === 0) return result;
      const ids = [...attemptIds];
      const [answered, written] = await Promise.all([
        db
          .select({ attemptId: answers.attemptId, n: count() })
          .from(answers)
          .where(and(inArray(answers.attemptId, ids), isNotNull(answers.choice)))
          .groupBy(answers.attemptId),
        db
          .select({ attemptId: responses.attemptId, n: count() })
          .from(responses)
          .where(and(inArray(responses.attemptId, ids), gt(responses.words, 0)))
          .groupBy(responses.attemptId),
      ]);
      for (const row of answered) result.get(row.attemptId)!.answered = Number(row.n);
      for (const row of written) result.get(row.attemptId)!.responsesWritten = Number(row.n);
      return result;
    },

    /** Every connect and disconnect of these attempts, oldest first. */
    async connectionEvents(attemptIds: readonly string[]): Promise<ConnectionEvent[]> {
      if (attemptIds.length === 0) return [];
      const rows = await db
        .select()
        .from(attemptEvents)
        .where(
          and(
            inArray(attemptEvents.attemptId, [...attemptIds]),
            inArray(attemptEvents.type, ['connect', 'disconnect']),
          ),
        )
        .orderBy(asc(attemptEvents.id));
      return rows.map(toEvent);
    },

    /** The latest connection events across these attempts, newest first (for alerts). */
    async recentConnectionEvents(
      attemptIds: readonly string[],
      limit: number,
    ): Promise<ConnectionEvent[]> {
      if (attemptIds.length === 0) return [];
      const rows = await db
        .select()
        .from(attemptEvents)
        .where(
          and(
            inArray(attemptEvents.attemptId, [...attemptIds]),
            inArray(attemptEvents.type, ['connect', 'disconnect']),
          ),
        )
        .orderBy(desc(attemptEvents.id))
        .limit(limit);
      return rows.map(toEvent);
    },

    async connectionEvent(id: number): Promise<ConnectionEvent | undefined> {
      const rows = await db.select().from(attemptEvents).where(eq(attemptEvents.id, id));
      return rows[0] ? toEvent(rows[0]) : undefined;
    },
  };
}
