import type { Accommodation } from '@exam/shared/domain';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { createBatchedReads } from '../../lib/group-commit.js';
import { createRecentReads } from '../../lib/recent-reads.js';
import type { BankService } from '../bank/index.js';
import { accommodationsInForce } from './accommodations.js';
import * as roomPauseRepo from './room-pause.repo.js';
import * as seatsRepo from './seats.repo.js';
import type { ProfileRow } from './profiles.repo.js';
import type * as sittingsRepo from './sittings.repo.js';

/** What the delivery module needs to know about a candidate's place in an open sitting. */
export interface CandidateSeat {
  enrolmentId: string;
  sittingId: string;
  sittingName: string;
  /** The sitting's IANA time zone, in which its schedule and records read. */
  timeZone: string;
  examEndorsement: string;
  category: string;
  track: string | null;
  admitted: boolean;
  formId: string | undefined;
  partMinutes: { 1: number; 2: number };
  /** The parts this enrolment sits: both, or one for a retake by part. */
  parts: (1 | 2)[];
  /**
   * The cut of the candidate's form, read through from the bank when the seat is read (a form's
   * cut changes only by an audited standard-setting adoption). A scored Part One keeps the cut it
   * was scored against in its result, so adopting later never changes a closed Part One silently.
   */
  cutScore: number;
  accommodation: { 1: Accommodation; 2: Accommodation };
  policies: Record<string, unknown>;
  vignetteSetIds: string[];
  /** Display and break accommodations in force; all false when none apply. */
  support: { breaks: boolean; largeText: boolean; highContrast: boolean };
  /** Since when the proctor has paused the whole room, or null: no part starts meanwhile. */
  roomPausedSince: Date | null;
}

/**
 * How long the Safe Exam Browser check's read of an open seat serves the hello that follows its
 * websocket upgrade. Short: admission is read again at the start in any case (admittedNow).
 */
const SEAT_REUSE_MS = 2_000;

/** Accommodations live on the profile and apply to every sitting while they are valid. */
export function partAccommodations(
  profile: ProfileRow | undefined,
  now: Date,
): { 1: Accommodation; 2: Accommodation } {
  const valid = profile !== undefined && accommodationsInForce(profile, now);
  const multiplier = valid ? profile.timeMultiplier : 1;
  const extra = (minutes: number | undefined) => (valid ? (minutes ?? 0) : 0);
  return {
    1: { timeMultiplier: multiplier, extraMinutes: extra(profile?.extraMinutesPart1) },
    2: { timeMultiplier: multiplier, extraMinutes: extra(profile?.extraMinutesPart2) },
  };
}

/**
 * The read side delivery uses: a candidate's seat, with their profile's accommodations applied.
 * Read in the programme's scope: the candidate's own id (from their session) or an enrolment id
 * delivery has already checked is what limits it.
 */
export function createSeatReader(deps: {
  db: Db;
  clock: Clock;
  forms: Pick<BankService, 'formCut'>;
}) {
  function toSeat(
    found: { enrolment: sittingsRepo.EnrolmentRow; sitting: sittingsRepo.SittingRow },
    profile: ProfileRow | undefined,
    formCut: number | undefined,
  ): CandidateSeat {
    const { enrolment, sitting } = found;
    const valid = profile !== undefined && accommodationsInForce(profile, deps.clock.now());
    return {
      enrolmentId: enrolment.id,
      sittingId: sitting.id,
      sittingName: sitting.name,
      timeZone: sitting.timeZone,
      examEndorsement: enrolment.examEndorsement,
      category: enrolment.category,
      track: enrolment.track,
      admitted: enrolment.admittedAt !== null,
      formId: sitting.forms[enrolment.examEndorsement],
      partMinutes: { 1: sitting.part1Minutes, 2: sitting.part2Minutes },
      parts: enrolment.parts.filter((p): p is 1 | 2 => p === 1 || p === 2),
      // The sitting's own column only serves forms the bank does not hold (fixtures, imports).
      cutScore: formCut ?? sitting.cutScore,
      accommodation: partAccommodations(profile, deps.clock.now()),
      policies: sitting.policies,
      vignetteSetIds: sitting.vignetteSets,
      support: {
        breaks: valid && profile.breaks,
        largeText: valid && profile.largeText,
        highContrast: valid && profile.highContrast,
      },
      roomPausedSince: sitting.roomPausedAt,
    };
  }

  // The checks that arrive together share one read (each still read after it was asked), so a
  // sitting's opening costs a few reads, not one per candidate.
  const readAdmission = createBatchedReads({
    name: 'admission-checks',
    read: async (enrolmentIds) => {
      const admitted = await seatsRepo.admittedAmong(deps.db, enrolmentIds);
      return new Map([...admitted].map((id) => [id, true]));
    },
  });

  async function cutOf(found: {
    enrolment: sittingsRepo.EnrolmentRow;
    sitting: sittingsRepo.SittingRow;
  }): Promise<number | undefined> {
    const formId = found.sitting.forms[found.enrolment.examEndorsement];
    if (!formId) return undefined;
    return deps.forms.formCut(formId);
  }

  const recentOpenSeats = createRecentReads<seatsRepo.SeatRows | undefined>(SEAT_REUSE_MS);
  // Every exam socket's upgrade reads its candidate's open seat: those asked together share one
  // read, as the admission checks above.
  const readOpenSeat = createBatchedReads({
    name: 'open-seat-reads',
    read: (candidateIds) => seatsRepo.findOpenSeatRowsAmong(deps.db, candidateIds),
  });

  return {
    /**
     * The candidate's seat in the sitting open now, or undefined. `keptAs`: the request whose
     * Safe Exam Browser check read this seat (the exam socket's upgrade); its read, if made
     * within SEAT_REUSE_MS, is taken (once) instead of a new one.
     */
    async openSeatFor(candidateId: string, keptAs?: string): Promise<CandidateSeat | undefined> {
      const kept =
        keptAs === undefined
          ? undefined
          : await recentOpenSeats.take(`${candidateId} ${keptAs}`, deps.clock.now().getTime());
      const found = kept ?? (await readOpenSeat(candidateId));
      return found && toSeat(found, found.profile, await cutOf(found));
    },

    /**
     * The sitting open now for the candidate and its policies: what the Safe Exam Browser check
     * asks. `keepAs`: the request is the exam socket's upgrade, whose hello asks for the whole
     * seat a moment later: it is read whole and kept for that hello under the request's id (one
     * read per candidate, not two, when a sitting opens; never handed to another request).
     */
    async openSittingPoliciesFor(
      candidateId: string,
      keepAs?: string,
    ): Promise<{ sittingId: string; policies: Record<string, unknown> } | undefined> {
      const read = readOpenSeat(candidateId);
      if (keepAs !== undefined)
        recentOpenSeats.put(`${candidateId} ${keepAs}`, deps.clock.now().getTime(), read);
      const found = await read;
      return found && { sittingId: found.sitting.id, policies: found.sitting.policies };
    },

    /**
     * Whether the enrolment is admitted now: what a start checks, read when asked. The checks
     * of starts that arrive together (a sitting opening: thousands within seconds) share one
     * read, as saves share a commit (lib/group-commit.ts).
     */
    admittedNow: async (enrolmentId: string): Promise<boolean> =>
      (await readAdmission(enrolmentId)) ?? false,

    /**
     * The room pauses in force among these sittings, inside a part start's transaction, which
     * they hold until it commits (room-pause.repo.ts): a room's pause waits for it, or it sees
     * the pause.
     */
    roomPausesAmong: (tx: DbOrTx, sittingIds: readonly string[]) =>
      roomPauseRepo.roomPausesAmong(tx, sittingIds),

    async seatByEnrolment(enrolmentId: string): Promise<CandidateSeat | undefined> {
      const found = await seatsRepo.findSeatRowsByEnrolment(deps.db, enrolmentId);
      return found && toSeat(found, found.profile, await cutOf(found));
    },
  };
}
