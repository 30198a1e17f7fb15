import type { ExportedAccommodationRequest, MyData } from '@exam/shared/api';
import { useFormatDate } from '../../lib/dates';

const partsText = (parts: number[]) =>
  parts.map((p) => (p === 1 ? 'Part One' : 'Part Two')).join(' and ');

function askText(ask: ExportedAccommodationRequest['requested']): string {
  const asked = [
    ask.extraTimePercent > 0 ? `${ask.extraTimePercent}% extra time` : '',
    ask.breaks ? 'rest breaks' : '',
    ask.largeText ? 'larger text' : '',
    ask.separateRoom ? 'a separate room' : '',
    ask.reader ? 'a reader' : '',
    ask.other ?? '',
  ].filter(Boolean);
  return asked.join(', ') || 'nothing';
}

function bookingText(status: string, position: number | null): string {
  if (status === 'waiting') return `on the waitlist, place ${position ?? '?'}`;
  if (status === 'no-show') return 'a seat left empty (no-show)';
  return status === 'booked' ? 'a seat' : status;
}

/**
 * The candidate's path in words (issue 22): authorisations, bookings, accommodation requests,
 * identity check-ins and retake requests. The JSON download has every field.
 */
export function PathSections({ data }: { data: MyData }) {
  const when = useFormatDate('—');
  const sittingOf = new Map(data.enrolments.map((e) => [e.id, e.sittingName]));
  const empty =
    data.authorisations.length +
      data.bookings.length +
      data.accommodationRequests.length +
      data.checkIns.length +
      data.retakeRequests.length ===
    0;
  if (empty) return null;
  return (
    <section aria-labelledby="path-heading">
      <h2 id="path-heading">Your authorisations, seats and requests</h2>
      <ul>
        {data.authorisations.map((a) => (
          <li key={a.id}>
            Authorisation to test ({a.examEndorsement}, {partsText(a.parts)}) from{' '}
            {when(a.validFrom)} until {when(a.expiresAt)}
            {a.extensions.map((e) => ` — extended on ${when(e.at)}: ${e.reason}`).join('')}
          </li>
        ))}
        {data.bookings.map((b) => (
          <li key={b.id}>
            {b.sittingName}: {bookingText(b.status, b.waitlistPosition)}, since {when(b.statusAt)}
          </li>
        ))}
        {data.accommodationRequests.map((r) => (
          <li key={r.id}>
            Accommodation request for {sittingOf.get(r.enrolmentId) ?? 'a sitting'}:{' '}
            {askText(r.requested)}; {r.status}
            {r.declineReason ? ` (${r.declineReason})` : ''}; {r.documents.length} document(s)
            {r.documents.length > 0 && `: ${r.documents.map((d) => d.fileName).join(', ')}`}
          </li>
        ))}
        {data.checkIns.map((c) => (
          <li key={c.enrolmentId}>
            Identity check-in for {sittingOf.get(c.enrolmentId) ?? 'a sitting'} ({c.mode}):{' '}
            {c.status}
            {c.decisionReason ? ` (${c.decisionReason})` : ''}, {c.photos.length} photo(s) kept
          </li>
        ))}
        {data.retakeRequests.map((r) => (
          <li key={r.id}>
            Retake of {partsText([r.part])} in {r.sittingName}: {r.status}
            {r.declineReason ? ` (${r.declineReason})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
