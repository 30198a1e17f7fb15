import { variantFor, type Category, type MentorTrack } from '@exam/shared/domain';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { createGroupCommit } from '../../lib/group-commit.js';
import type { Clock } from '../../lib/clock.js';
import type { CandidateSeat, SittingsService } from '../sittings/index.js';
import type { VignettesService } from '../vignettes/index.js';
import { toClockEvents, type AttemptContext, type FormItemSource } from './attempt-context.js';
import { findOrInsertAttempts, type AttemptToOpen } from './attempt-create.repo.js';
import * as deliveryRepo from './delivery.repo.js';
import { buildFormPayload, type FormPayload } from './form-payload.js';
import { randomSeed } from './option-order.js';
import { partTwoPolicies, partTwoProblem } from './part-two.service.js';

export type AttemptLoader = ReturnType<typeof createAttemptLoader>;

/**
 * Finds or creates attempts and keeps the contexts of active ones in memory. Creating an attempt
 * is a couple of inserts: forms are assembled ahead of time and cached, so the synchronised
 * start of a sitting stays cheap.
 */
export function createAttemptLoader(deps: {
  db: Db;
  clock: Clock;
  sittings: Pick<SittingsService, 'openSeatFor' | 'seatByEnrolment'>;
  forms: FormItemSource;
  vignettes: Pick<VignettesService, 'resolveSet'>;
}) {
  const { db } = deps;
  const contexts = new Map<string, AttemptContext>();
  // When a sitting opens every candidate's hello creates an attempt: those asked together go in
  // one statement (attempt-create.repo.ts), one batch at a time, lingering a few ms under load.
  const creations = createGroupCommit({
    name: 'attempt-creations',
    maxInFlight: 1,
    lingerMs: 5,
    lingerAbovePerSecond: 100,
    commit: (batch: AttemptToOpen[]) => findOrInsertAttempts(db, batch),
  });
  // Per form id, which names an immutable form version (form-payload.ts).
  const formCache = new Map<string, Promise<FormPayload>>();

  function formOf(formId: string): Promise<FormPayload> {
    let cached = formCache.get(formId);
    if (!cached) {
      cached = deps.forms.formItems(formId).then(buildFormPayload);
      cached.catch(() => formCache.delete(formId));
      formCache.set(formId, cached);
    }
    return cached;
  }

  async function refreshParts(context: AttemptContext): Promise<void> {
    // Both parts' ledgers in one read: a reconnect storm pays one round trip less per attempt.
    const [rows, all] = await Promise.all([
      deliveryRepo.loadParts(db, context.attemptId),
      deliveryRepo.loadAllClockEvents(db, context.attemptId),
    ]);
    for (const row of rows) {
      const ledger = all.filter((event) => event.part === row.part);
      const events = toClockEvents(ledger);
      context.parts.set(row.part, { row, events, lastReason: ledger.at(-1)?.reason ?? null });
    }
  }

  /**
   * The attempt's context, from memory or read. `known` is what the caller read a moment ago
   * (the attempt row it found or created, the seat it was found by, the parts it just created
   * with no ledger yet): not read a second time.
   */
  async function loadContext(
    attemptId: string,
    known: {
      attempt?: deliveryRepo.AttemptRow;
      seat?: CandidateSeat;
      createdParts?: deliveryRepo.AttemptPartRow[];
    } = {},
  ): Promise<AttemptContext> {
    const cached = contexts.get(attemptId);
    if (cached) return cached;
    const attempt =
      known.attempt?.id === attemptId
        ? known.attempt
        : await deliveryRepo.findAttempt(db, attemptId);
    if (!attempt) throw new AppError('NOT_FOUND', 'No such attempt.', 404);
    const seat =
      known.seat?.enrolmentId === attempt.enrolmentId
        ? known.seat
        : await deps.sittings.seatByEnrolment(attempt.enrolmentId);
    if (!seat) throw new AppError('NOT_FOUND', 'No such enrolment.', 404);
    const form = await formOf(attempt.formId);
    const context: AttemptContext = {
      attemptId: attempt.id,
      candidateId: attempt.candidateId,
      enrolmentId: attempt.enrolmentId,
      sittingId: seat.sittingId,
      sittingName: seat.sittingName,
      cutScore: seat.cutScore,
      optionSeed: attempt.optionSeed,
      items: form.items,
      form,
      parts: new Map(),
      vignetteSetId: attempt.vignetteSetId,
      // A Part One retake has no Part Two to sit, so no missing set to report.
      partTwoProblem: seat.parts.includes(2) ? partTwoProblem(seat, attempt.vignetteSetId) : null,
      policies: partTwoPolicies(seat.policies),
    };
    if (known.createdParts && known.attempt?.id === attemptId) {
      for (const row of known.createdParts)
        context.parts.set(row.part, { row, events: [], lastReason: null });
    } else await refreshParts(context);
    contexts.set(attemptId, context);
    return context;
  }

  async function vignetteSetFor(seat: CandidateSeat): Promise<string | null> {
    const variant = variantFor(seat.category as Category, seat.track as MentorTrack | null);
    if (!variant) return null;
    const id = await deps.vignettes.resolveSet(seat.vignetteSetIds, {
      variant,
      mentor: seat.category === 'mental-health-mentor',
      endorsement: seat.examEndorsement,
    });
    return id ?? null;
  }

  /**
   * Finds (or creates) the candidate's attempt in the sitting open now, with that seat.
   * `upgradeId`: the exam socket's upgrade request, whose seat read this may take (seats.ts).
   * `created`: this call created the attempt, so nothing is stored under it yet.
   */
  async function openWithSeat(
    candidateId: string,
    upgradeId?: string,
  ): Promise<{ context: AttemptContext; seat: CandidateSeat; created: boolean }> {
    const seat = await deps.sittings.openSeatFor(candidateId, upgradeId);
    if (!seat)
      throw new AppError(
        'NO_OPEN_SITTING',
        'You are not enrolled in a sitting that is open now.',
        404,
      );
    const opened = seat.formId ? await findOrCreate(candidateId, seat, seat.formId) : undefined;
    if (opened?.created) {
      const { attempt, parts } = opened;
      return {
        context: await loadContext(attempt.id, { attempt, seat, createdParts: parts }),
        seat,
        created: true,
      };
    }
    // Found by the statement, or created a moment ago by a concurrent hello (or there is no
    // form, and only an attempt begun before the form was taken out can be opened).
    const attempt =
      opened?.attempt ?? (await deliveryRepo.findAttemptByEnrolment(db, seat.enrolmentId));
    if (attempt)
      return { context: await loadContext(attempt.id, { attempt, seat }), seat, created: false };
    if (!seat.formId) {
      throw new AppError(
        'FORM_MISSING',
        'This sitting has no Part One form for your endorsement yet.',
        409,
      );
    }
    throw new AppError('INTERNAL', 'Attempt could not be created.', 500);
  }

  /** The seat's attempt, created with both parts if it has none yet (attempt-create.repo.ts). */
  async function findOrCreate(candidateId: string, seat: CandidateSeat, formId: string) {
    const now = deps.clock.now();
    return creations.write({
      attempt: {
        enrolmentId: seat.enrolmentId,
        candidateId,
        formId,
        optionSeed: randomSeed(),
        // No Part Two to grade when only Part One is retaken.
        vignetteSetId: seat.parts.includes(2) ? await vignetteSetFor(seat) : null,
        createdAt: now,
      },
      parts: ([1, 2] as const).map((part) => ({
        part,
        baseLimitMs: seat.partMinutes[part] * 60_000,
        timeMultiplier: seat.accommodation[part].timeMultiplier,
        extraMinutes: seat.accommodation[part].extraMinutes,
        // A part this enrolment does not sit (a retake of the other) is closed from the start:
        // the candidate goes straight to the part they retake, and nothing can be saved to it.
        ...(seat.parts.includes(part)
          ? {}
          : {
              closedStatus: 'ended',
              closedAt: now,
              closedReason: `not sat: this enrolment retakes Part ${part === 1 ? 'Two' : 'One'} only`,
            }),
      })),
    });
  }

  return {
    loadContext,
    refreshParts,
    openWithSeat,
    /** The context this instance holds in memory, if any (another instance's change rereads it). */
    cached: (attemptId: string): AttemptContext | undefined => contexts.get(attemptId),

    /** Finds (or creates) the candidate's attempt in the sitting open now. */
    async openForCandidate(candidateId: string): Promise<AttemptContext> {
      return (await openWithSeat(candidateId)).context;
    },
  };
}
