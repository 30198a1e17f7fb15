import { createEvent } from 'ics';
import type { MailAttachment, SittingFacts } from '../mail.types.js';

/**
 * The sitting as an iCalendar event (RFC 5545), built with the `ics` package rather than by
 * hand: it folds long lines, escapes commas and semicolons and writes UTC instants, which a
 * hand-rolled writer gets wrong in ways calendar apps silently ignore. The UID is the
 * enrolment's, so a moved sitting's mail (a higher SEQUENCE) updates the same calendar entry.
 */
export function sittingCalendar(
  facts: SittingFacts,
  organizer: { name: string; email: string | null },
  sequence = 0,
): MailAttachment {
  const where = facts.place ?? facts.remoteLink ?? undefined;
  const description = [
    `Sign in: ${facts.signInLink}`,
    ...(facts.remoteLink ? [`Remote link: ${facts.remoteLink}`] : []),
    ...(facts.whatToBring.length > 0 ? [`What to bring: ${facts.whatToBring.join('; ')}`] : []),
  ].join('\n');
  const { error, value } = createEvent({
    uid: `enrolment-${facts.enrolmentId}@exam-platform`,
    sequence,
    method: 'PUBLISH',
    productId: 'exam-platform/mail',
    title: facts.sittingName,
    start: facts.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: facts.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    description,
    ...(where ? { location: where } : {}),
    ...(facts.remoteLink ? { url: facts.remoteLink } : {}),
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
    ...(organizer.email ? { organizer: { name: organizer.name, email: organizer.email } } : {}),
  });
  if (error || !value) throw new Error(`calendar event not built: ${error?.message ?? 'empty'}`);
  return { filename: 'sitting.ics', contentType: 'text/calendar; charset=utf-8', content: value };
}
