import { EventEmitter } from 'node:events';
import type { ChoiceSet, PartClock } from '@exam/shared/protocol';
import type { Database } from '../../db/client.js';
import type { EventBus } from '../../events/event-bus.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { SittingResultsAccess, SittingsService } from '../sittings/index.js';
import type { VignettesService } from '../vignettes/index.js';
import type { AnswerWriter } from './answer-writer.js';
import { createAttemptLoader } from './attempt-loader.js';
import { createCandidateTools } from './candidate-tools.service.js';
import { createWelcome } from './attempt-welcome.js';
import { partClock, type AttemptContext, type FormItemSource } from './attempt-context.js';
import * as deliveryRepo from './delivery.repo.js';
import { DraftPatcher } from './draft-patcher.js';
import { createLateChanges, type LateResult } from './late-changes.service.js';
import { createAttemptMonitor } from './monitoring.js';
import { createAttemptResync, markHeard } from './attempt-resync.js';
import { createPartOneSave } from './part-one-save.js';
import { createPartTwo } from './part-two.service.js';
import { createPatchWriter } from './patch-writer.js';
import { createTimeLedgerReader } from './time-ledger.js';
import { createConnectionEvents } from './connection-events.js';
import { createPartClockChanges } from './part-clock-changes.js';
import { createPartStart } from './part-start.js';
import type { PartNumber } from './part-clock-changes.js';

export type { AfterCommit, ClockChange, PartNumber, WriteFence } from './part-clock-changes.js';
export type AttemptChange =
  | { kind: 'clock'; clock: PartClock; reason: string }
  | { kind: 'closed'; part: PartNumber; status: 'submitted' | 'expired' | 'ended'; reason: string }
  /** Something the welcome describes changed (admission, Part Two opening): send it again. */
  | { kind: 'refresh'; reason: string };

/** A save's answer: stored, refused, or (past the deadline and grace) held for a proctor. */
export type SaveResult = LateResult;

export type DeliveryService = ReturnType<typeof createDeliveryService>;

/** Attempts, their clocks and their answers. The clock and the truth live here, on the server. */
export function createDeliveryService(deps: {
  database: Database;
  clock: Clock;
  audit: Pick<AuditService, 'append' | 'appendMany'>;
  sittings: Pick<
    SittingsService,
    'openSeatFor' | 'seatByEnrolment' | 'admittedNow' | 'roomPausesAmong'
  >;
  /** Sittings' read side, built once in app.ts: late changes check the sitting is not locked. */
  sittingResults: Pick<SittingResultsAccess, 'sittingOfEnrolment' | 'lockedStatus'>;
  forms: FormItemSource;
  vignettes: Pick<VignettesService, 'resolveSet' | 'getSet'>;
  writer: AnswerWriter;
  /** Every change is announced here too: other instances reread the attempt and tell its screen. */
  events: Pick<EventBus, 'publish'>;
  graceMs: number;
  log?(message: string, details: Record<string, unknown>): void;
}) {
  const { db } = deps.database;
  const loader = createAttemptLoader({
    db,
    clock: deps.clock,
    sittings: deps.sittings,
    forms: deps.forms,
    vignettes: deps.vignettes,
  });
  const partTwo = createPartTwo({
    db,
    clock: deps.clock,
    vignettes: deps.vignettes,
    graceMs: deps.graceMs,
    parts: {
      clockOf: (context) => clockOf(context, 2),
      reread: async (context) => {
        const stored = await deliveryRepo.partVersion(db, context.attemptId, 2);
        if (stored === context.parts.get(2)?.row.version) return false;
        await loader.refreshParts(context);
        return true;
      },
      refresh: (context) => loader.refreshParts(context),
    },
  });
  // Connections and disconnections share commits too: at an opening every candidate connects.
  const connectionEvents = createConnectionEvents(db);
  const patchWriter = createPatchWriter({
    database: deps.database,
    clock: deps.clock,
    graceMs: deps.graceMs,
  });
  // This instance's listeners (its sockets, grading, analysis) hear the change itself; other
  // instances hear only the attempt's id, and reread it (resync below).
  const changes = new EventEmitter<{ change: [attemptId: string, change: AttemptChange] }>();
  changes.setMaxListeners(0);
  // The sitting, when this instance holds the attempt: the bus coalesces events per sitting.
  const sittingOf = (attemptId: string) => {
    const sittingId = loader.cached(attemptId)?.sittingId;
    return sittingId ? { sittingId } : {};
  };
  const changed = (attemptId: string, change: AttemptChange) => {
    const context = loader.cached(attemptId);
    if (context) markHeard(context);
    changes.emit('change', attemptId, change);
    deps.events.publish({ kind: 'attempt', attemptId, ...sittingOf(attemptId) });
  };
  // Proctors' dashboards, on every instance, hear of saves and connections through the bus.
  const activity = (attemptId: string, eventId?: number) =>
    deps.events.publish(
      eventId === undefined
        ? { kind: 'activity', attemptId, ...sittingOf(attemptId) }
        : { kind: 'activity', attemptId, eventId, ...sittingOf(attemptId) },
    );
  const lateChanges = createLateChanges({
    db,
    clock: deps.clock,
    audit: deps.audit,
    loadContext: loader.loadContext,
    sittings: deps.sittingResults,
    announce: (attemptId, reason) => changed(attemptId, { kind: 'refresh', reason }),
  });
  const isLate = (clock: PartClock) =>
    clock.status === 'expired' ||
    (clock.deadline !== null && deps.clock.now().getTime() > clock.deadline);

  function clockOf(context: AttemptContext, part: PartNumber): PartClock {
    const state = context.parts.get(part);
    if (!state) throw new AppError('NOT_FOUND', `Part ${part} does not exist.`, 404);
    return partClock(state, deps.clock.now().getTime());
  }

  const { recordClockEvent, recordClockEventIn, closePart, closePartsIn } = createPartClockChanges({
    db,
    clock: deps.clock,
    audit: deps.audit,
    loader,
    partTwo,
    clockOf,
    changed,
  });

  const resync = createAttemptResync({ loader, clockOf });
  const tools = createCandidateTools({ db, clock: deps.clock, graceMs: deps.graceMs, clockOf });
  const welcome = createWelcome({
    database: deps.database,
    sittings: deps.sittings,
    partTwo,
    clockOf,
  });

  const save = createPartOneSave({
    db,
    clock: deps.clock,
    graceMs: deps.graceMs,
    writer: deps.writer,
    loader,
    lateChanges,
    clockOf,
    isLate,
    onStored: (attemptId) => activity(attemptId),
  });

  return {
    changes,
    resync,
    save,
    monitor: createAttemptMonitor({ db }),
    ledger: createTimeLedgerReader({ db }),
    clockOf,
    recordClockEvent,
    recordClockEventIn,
    closePart,
    closePartsIn,
    /**
     * The attempt's context with its parts read now, not as this instance last heard them: a
     * decision for a whole room must not miss a start another instance committed a moment ago.
     */
    async currentContext(attemptId: string): Promise<AttemptContext> {
      const cached = loader.cached(attemptId);
      if (!cached) return loader.loadContext(attemptId);
      await loader.refreshParts(cached);
      return cached;
    },
    openForCandidate: loader.openForCandidate,
    /** As openForCandidate, with the seat it was found by (hello's welcome reuses it). */
    openWithSeat: loader.openWithSeat,
    loadContext: loader.loadContext,
    partTwo,
    lateChanges,
    /** Struck options, highlights, notes and the display preference (candidate-tools.service.ts). */
    tools,

    /** The state a (re)connecting client needs (attempt-welcome.ts). */
    snapshot: welcome.snapshot,
    /** The same, with the questions as JSON text, for the socket (attempt-welcome.ts). */
    welcomeFrame: welcome.frame,

    /** The candidate starts a part (part-start.ts): batched with the other starts. */
    startPart: createPartStart({ ...deps, clockOf, changed }),

    /**
     * Not decided on the cached clock: closePart locks the part and reads whether it is still
     * open in its own transaction, so a part another instance closed is not closed again.
     */
    async submitPart(context: AttemptContext, part: PartNumber, actorId: string): Promise<void> {
      if (part === 2) await partTwo.assertSubmittable(context);
      await closePart(context.attemptId, part, 'submitted', 'submitted by candidate', actorId);
    },

    /** Waits for every Part Two patch and connection event under way to commit (at shutdown). */
    drainPatches: async () => {
      await connectionEvents.drain();
      await patchWriter.drain();
    },

    /** One connection's Part Two drafts and patches (draft-patcher.ts). */
    draftsFor(context: AttemptContext): DraftPatcher {
      return new DraftPatcher({
        context,
        partTwo,
        writer: patchWriter,
        now: () => deps.clock.now().getTime(),
        holdLate: (draft) => lateChanges.holdDraft(context, draft),
        log: deps.log ?? (() => undefined),
        onStored: () => activity(context.attemptId),
      });
    },

    setChoice(context: AttemptContext, message: ChoiceSet): Promise<SaveResult> {
      return partTwo.setChoice(context, message, (late) => lateChanges.holdChoice(context, late));
    },

    /**
     * After clock entries written elsewhere (an accommodation change) commit: reread the parts
     * and push every open part's clock to a connected screen, as an extension does.
     */
    async clocksChanged(attemptId: string, reason: string): Promise<void> {
      const context = await loader.loadContext(attemptId);
      await loader.refreshParts(context);
      for (const part of [1, 2] as const) {
        if (context.parts.get(part)?.row.closedAt) continue;
        changed(attemptId, { kind: 'clock', clock: clockOf(context, part), reason });
      }
    },

    /** Tells a connected candidate's screen to reload its state (e.g. after admission). */
    announce(attemptId: string, reason: string): void {
      changed(attemptId, { kind: 'refresh', reason });
    },

    async recordConnectionEvent(
      attemptId: string,
      type: 'connect' | 'disconnect',
      details: Record<string, unknown>,
    ) {
      const at = deps.clock.now();
      const eventId = await connectionEvents.write({ attemptId, type, at, details });
      activity(attemptId, eventId);
    },
  };
}
