import type { Database } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditEntry, AuditService } from '../audit/index.js';
import { partClock, toClockEvents } from './attempt-context.js';
import type { AttemptPartRow, ClockEventRow } from './delivery.repo.js';
import { createGroupCommit, type GroupCommit } from '../../lib/group-commit.js';
import type { SittingsService } from '../sittings/index.js';
import * as startRepo from './part-start.repo.js';

export interface StartWrite {
  attemptId: string;
  /** The attempt's sitting: a start is refused while its room is paused. */
  sittingId: string;
  part: 1 | 2;
  actorId: string | null;
  reason: string;
}

/**
 * started: the part's row and whole ledger after the commit. closed: refused, as before.
 * room-paused: refused because the proctor has paused the whole room.
 */
export type StartOutcome =
  | { kind: 'started'; row: AttemptPartRow; ledger: ClockEventRow[] }
  | { kind: 'closed' }
  | { kind: 'room-paused' };

export type StartWriter = GroupCommit<StartWrite, StartOutcome>;

/**
 * Part starts, group-committed like answer saves (lib/group-commit.ts). When a proctor opens a
 * sitting, thousands of candidates start within seconds; one transaction per start took the
 * audit chain's lock once per candidate, so the starts ran one after another (the profile in
 * bench/README.md: 88 ms mean wait for that lock at 1,500 candidates). Here a batch locks its
 * parts, writes every start's ledger entry, deadline and audit entry, and commits once; each
 * start is answered only after that commit. What each start writes is what a single start
 * wrote before (delivery.service.ts recordClockEvent): a closed part is refused, an open one
 * gets a `start` entry even if another instance started it a moment earlier. A start whose
 * sitting's room is paused is refused: its clock would run while every other clock in the room
 * stood still, and the room's resume would not touch it. The room pauses are read (and held)
 * first in the same transaction, so a room's pause either waits for this batch to commit (and
 * then pauses the clocks it started) or is seen by it.
 */
export function createStartWriter(deps: {
  database: Pick<Database, 'db'>;
  clock: Clock;
  audit: Pick<AuditService, 'appendMany'>;
  sittings: Pick<SittingsService, 'roomPausesAmong'>;
  maxInFlight?: number;
  maxBatch?: number;
}): StartWriter {
  async function commitPart(batch: StartWrite[], part: 1 | 2): Promise<StartOutcome[]> {
    const now = deps.clock.now();
    return deps.database.db.transaction(async (tx) => {
      // Before the parts, as a room's pause takes its sitting before any part: one order.
      const paused = await deps.sittings.roomPausesAmong(tx, [
        ...new Set(batch.map((s) => s.sittingId)),
      ]);
      const ids = [...new Set(batch.map((s) => s.attemptId))];
      const locked = new Map(
        (await startRepo.lockParts(tx, ids, part)).map((row) => [row.attemptId, row]),
      );
      const open = batch.filter((s) => {
        const row = locked.get(s.attemptId);
        return row !== undefined && !row.closedAt && !paused.has(s.sittingId);
      });
      await startRepo.insertClockEvents(
        tx,
        open.map((s) => ({
          attemptId: s.attemptId,
          part,
          type: 'start',
          at: now,
          ms: null,
          reason: s.reason,
          actorId: s.actorId,
          incidentId: null,
        })),
      );
      const openIds = [...new Set(open.map((s) => s.attemptId))];
      const ledgers = new Map<string, ClockEventRow[]>();
      for (const event of await startRepo.clockEventsOf(tx, openIds, part)) {
        const list = ledgers.get(event.attemptId) ?? [];
        list.push(event);
        ledgers.set(event.attemptId, list);
      }
      const clocks = openIds.map((attemptId) => {
        const row = locked.get(attemptId) as AttemptPartRow;
        const events = toClockEvents(ledgers.get(attemptId) ?? []);
        const clock = partClock({ row, events }, now.getTime());
        return {
          attemptId,
          deadlineAt: clock.deadline === null ? null : new Date(clock.deadline),
          paused: clock.status === 'paused',
        };
      });
      const rows = new Map(
        (await startRepo.markStarted(tx, part, now, clocks)).map((row) => [row.attemptId, row]),
      );
      const entries: AuditEntry[] = open.map((s) => ({
        actorId: s.actorId,
        action: 'clock.start',
        subjectType: 'attempt',
        subjectId: s.attemptId,
        details: { part, ms: undefined, reason: s.reason, incidentId: undefined },
      }));
      await deps.audit.appendMany(tx, entries);
      return batch.map((s): StartOutcome => {
        if (paused.has(s.sittingId)) return { kind: 'room-paused' };
        const row = rows.get(s.attemptId);
        if (!row || !open.includes(s)) return { kind: 'closed' };
        return { kind: 'started', row, ledger: ledgers.get(s.attemptId) ?? [] };
      });
    });
  }

  async function commit(batch: StartWrite[]): Promise<StartOutcome[]> {
    const outcomes = new Map<StartWrite, StartOutcome>();
    for (const part of [1, 2] as const) {
      const ofPart = batch.filter((s) => s.part === part);
      if (ofPart.length === 0) continue;
      const results = await commitPart(ofPart, part);
      ofPart.forEach((s, i) => outcomes.set(s, results[i] as StartOutcome));
    }
    return batch.map((s) => outcomes.get(s) ?? { kind: 'closed' });
  }

  return createGroupCommit({
    name: 'starts',
    commit,
    // One batch at a time: two would only queue on the audit chain's lock in PostgreSQL, and
    // the starts that arrive meanwhile make the next batch larger instead.
    maxInFlight: deps.maxInFlight ?? 1,
    maxBatch: deps.maxBatch ?? 250,
  });
}
