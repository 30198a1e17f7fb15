import type { AccommodationsInput } from '@exam/shared/api';
import type { DbOrTx } from '../../db/client.js';
import type { MailContact } from '../auth/index.js';
import type { MailOutbox, SittingFacts } from '../mail/index.js';
import { validUntilInstant } from './accommodations.js';
import { nextSittingOf } from './sitting-notices.repo.js';
import type { EnrolmentRow, SittingRow } from './sittings.repo.js';

export interface SittingNoticeDeps {
  /** Absent: no mail (tests that do not care, tools). */
  outbox?: Pick<MailOutbox, 'enqueue'>;
  /** Absolute origin for the sign-in link. */
  publicOrigin?: string;
  contactsOf(db: DbOrTx, ids: readonly string[]): Promise<MailContact[]>;
}

type Notice =
  | { kind: 'sitting-scheduled' }
  | { kind: 'sitting-reminder' }
  | { kind: 'sitting-moved'; previousStartsAt: Date; sequence: number };

/** The key of one notice: a retry or a second scheduler enqueues it once (unique index). */
function dedupeKeyOf(notice: Notice, enrolmentId: string, startsAt: Date): string {
  const prefix = notice.kind === 'sitting-reminder' ? 'reminder-24h' : notice.kind;
  return `${prefix}:${enrolmentId}:${startsAt.toISOString()}`;
}

/** The sitting's end as candidates plan for it: the start window and both parts. */
function endOf(sitting: SittingRow, startsAt: Date): Date {
  const minutes = sitting.startWindowMinutes + sitting.part1Minutes + sitting.part2Minutes;
  return new Date(startsAt.getTime() + minutes * 60_000);
}

function factsOf(
  deps: SittingNoticeDeps,
  sitting: SittingRow,
  enrolmentId: string,
  startsAt: Date,
): SittingFacts {
  return {
    sittingId: sitting.id,
    enrolmentId,
    sittingName: sitting.name,
    startsAt,
    endsAt: endOf(sitting, startsAt),
    sittingTimeZone: sitting.timeZone,
    place: sitting.remote ? null : sitting.location,
    remoteLink: null,
    whatToBring: sitting.remote ? [] : ['Photo identification'],
    signInLink: `${deps.publicOrigin ?? ''}/`,
  };
}

/**
 * Enqueues one notice per enrolment, in the caller's transaction (so it exists iff the change
 * committed), each in the candidate's own zone (the outbox falls back to the association's).
 */
export async function enqueueSittingNotices(
  deps: SittingNoticeDeps,
  tx: DbOrTx,
  sitting: SittingRow,
  enrolments: readonly Pick<EnrolmentRow, 'id' | 'candidateId'>[],
  notice: Notice,
): Promise<number> {
  const { outbox } = deps;
  const startsAt = sitting.startsAt;
  if (!outbox || !startsAt || enrolments.length === 0) return 0;
  const contacts = new Map(
    (
      await deps.contactsOf(
        tx,
        enrolments.map((e) => e.candidateId),
      )
    ).map((c) => [c.id, c]),
  );
  let queued = 0;
  for (const enrolment of enrolments) {
    const person = contacts.get(enrolment.candidateId);
    if (!person) continue;
    const result = await outbox.enqueue(
      {
        to: person.email,
        recipientName: person.displayName,
        associationId: sitting.associationId,
        ...(person.timeZone ? { timeZone: person.timeZone } : {}),
        template: { ...notice, ...factsOf(deps, sitting, enrolment.id, startsAt) },
        dedupeKey: dedupeKeyOf(notice, enrolment.id, startsAt),
      },
      tx,
    );
    if (!result.duplicate) queued += 1;
  }
  return queued;
}

/** Plain words for what was granted, as the approval mail lists them. */
export function accommodationDescriptions(input: AccommodationsInput): string[] {
  const items: string[] = [];
  if (input.timeMultiplier !== 1) {
    items.push(`${Math.round((input.timeMultiplier - 1) * 100)}% extra time`);
  }
  if (input.extraMinutesPart1 > 0)
    items.push(`${input.extraMinutesPart1} extra minutes in Part One`);
  if (input.extraMinutesPart2 > 0)
    items.push(`${input.extraMinutesPart2} extra minutes in Part Two`);
  if (input.breaks) items.push('Rest breaks');
  if (input.largeText) items.push('Large text');
  if (input.highContrast) items.push('High contrast');
  return items;
}

/**
 * Tells the candidate their accommodations are approved, naming their next sitting (scheduled or
 * open); with none ahead or nothing granted, no mail: the sitting's scheduled mail comes later.
 */
export async function enqueueAccommodationsApproved(
  deps: SittingNoticeDeps,
  tx: DbOrTx,
  candidate: { id: string; associationId: string | undefined },
  input: AccommodationsInput,
  now: Date,
): Promise<boolean> {
  const accommodations = accommodationDescriptions(input);
  if (!deps.outbox || accommodations.length === 0) return false;
  const sitting = await nextSittingOf(tx, candidate.associationId, candidate.id, now);
  if (!sitting?.startsAt) return false;
  // Ending before the sitting starts, they will not apply to it: telling the candidate they are
  // approved for it would have them count on time they will not get.
  const end = validUntilInstant(input.validUntil);
  if (end && end.getTime() <= sitting.startsAt.getTime()) return false;
  const [person] = await deps.contactsOf(tx, [candidate.id]);
  if (!person) return false;
  const result = await deps.outbox.enqueue(
    {
      to: person.email,
      recipientName: person.displayName,
      associationId: sitting.associationId,
      ...(person.timeZone ? { timeZone: person.timeZone } : {}),
      template: {
        kind: 'accommodations-approved',
        sittingName: sitting.name,
        startsAt: sitting.startsAt,
        sittingTimeZone: sitting.timeZone,
        accommodations,
        signInLink: `${deps.publicOrigin ?? ''}/`,
      },
      dedupeKey: `accommodations-approved:${candidate.id}:${now.toISOString()}`,
    },
    tx,
  );
  return !result.duplicate;
}
