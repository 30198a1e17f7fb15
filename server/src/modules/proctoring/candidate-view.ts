import { durationText } from '@exam/shared/domain';
import type { PartClock } from '@exam/shared/protocol';
import type {
  CandidateConnection,
  CandidateState,
  ProctorAlert,
  ProctorCandidate,
} from '@exam/shared/protocol';
import type { ConnectionEvent } from '../delivery/index.js';
import type { RosterEntry } from '../sittings/index.js';

const closedStatuses = new Set(['submitted', 'expired', 'ended']);
const isClosed = (clock: PartClock | undefined) => !!clock && closedStatuses.has(clock.status);

/** What the dashboard needs about one attempt, gathered from delivery. */
export interface AttemptFacts {
  attemptId: string;
  parts: PartClock[];
  questionCount: number;
  answered: number;
  responsesWritten: number;
}

/**
 * The connection as the proctor should read it. A disconnect caused by a newer connection
 * taking over is not the candidate leaving, so it does not count. A restart cuts every socket
 * without recording it: a connect from before `serverStartedAt` has ended by then.
 */
export function connectionOf(
  events: readonly ConnectionEvent[],
  serverStartedAt = 0,
): CandidateConnection {
  const meaningful = events.filter((e) => !(e.type === 'disconnect' && e.takenOver));
  const last = meaningful.at(-1);
  if (!last) return { status: 'never', since: null };
  if (last.type === 'connect' && last.at.getTime() < serverStartedAt)
    return { status: 'disconnected', since: serverStartedAt };
  return {
    status: last.type === 'connect' ? 'connected' : 'disconnected',
    since: last.at.getTime(),
  };
}

/**
 * The part whose clock matters now: the first one not closed, else the last. An attempt the
 * proctor ended in Part One stays on Part One (their end closed Part Two unstarted), so the row
 * shows the questions answered rather than "0 responses written".
 */
export function currentPartOf(parts: readonly PartClock[]): 1 | 2 {
  const one = parts.find((p) => p.part === 1);
  if (one?.status === 'ended' && !one.notSat) return 1;
  return isClosed(one) ? 2 : 1;
}

/**
 * Where the candidate is. A part this enrolment does not sit (a retake of the other) is closed
 * as ended from the start; it is left out, or every such candidate read "Ended by proctor",
 * with no pause or extra time offered.
 */
export function stateOf(
  admitted: boolean,
  connection: CandidateConnection,
  parts: readonly PartClock[] | null,
): CandidateState {
  const sat = (parts ?? []).filter((p) => !p.notSat);
  const one = sat.find((p) => p.part === 1);
  const two = sat.find((p) => p.part === 2);
  if (one?.status === 'ended' || two?.status === 'ended') return 'ended';
  for (const clock of [one, two]) {
    if (clock?.status === 'paused') return 'paused';
    if (clock?.status === 'running') return clock.part === 1 ? 'part-one' : 'part-two';
  }
  if (isClosed(two ?? one)) return 'submitted';
  if (isClosed(one)) return 'between-parts';
  if (admitted) return 'admitted';
  return connection.status === 'never' ? 'not-arrived' : 'waiting';
}

/** One row of the proctor's table. */
export function candidateRow(
  entry: RosterEntry,
  facts: AttemptFacts | undefined,
  events: readonly ConnectionEvent[],
  serverStartedAt = 0,
): ProctorCandidate {
  const connection = connectionOf(events, serverStartedAt);
  const parts = facts?.parts ?? null;
  const currentPart = parts ? currentPartOf(parts) : null;
  return {
    enrolmentId: entry.enrolmentId,
    attemptId: facts?.attemptId ?? null,
    name: entry.name,
    email: entry.email,
    examEndorsement: entry.examEndorsement,
    category: entry.category,
    track: entry.track,
    admittedAt: entry.admittedAt?.getTime() ?? null,
    ...(entry.parts.length === 1
      ? { parts: entry.parts.filter((p): p is 1 | 2 => p === 1 || p === 2) }
      : {}),
    state: stateOf(entry.admittedAt !== null, connection, parts),
    connection,
    currentPart,
    clock: parts?.find((p) => p.part === currentPart) ?? null,
    answered: facts?.answered ?? 0,
    questionCount: facts?.questionCount ?? 0,
    responsesWritten: facts?.responsesWritten ?? 0,
  };
}

/**
 * The alert a connection event raises, if any: a candidate dropping out, or a new connection
 * taking the attempt over. `previousSession` is the session of the connect before this one.
 */
export function alertFor(
  event: ConnectionEvent,
  entry: Pick<RosterEntry, 'enrolmentId' | 'name'>,
  previousSession: string | null | undefined,
  /** For a disconnect: when the candidate was back (backAfter), null while still away. */
  until: number | null = null,
): ProctorAlert | undefined {
  const base = {
    id: `connection-${event.id}`,
    at: event.at.getTime(),
    enrolmentId: entry.enrolmentId,
    candidateName: entry.name,
    acknowledged: false,
  };
  if (event.type === 'disconnect' && !event.takenOver) {
    return {
      ...base,
      kind: 'disconnect',
      until,
      message:
        until === null
          ? `${entry.name} lost their connection.`
          : `${entry.name} lost their connection and was back after ${durationText(until - base.at)}.`,
    };
  }
  // A different sign-in continuing the attempt is a takeover even when the old device had
  // already dropped: that is exactly the resume-on-another-device case proctors must see.
  const elsewhere =
    event.type === 'connect' &&
    previousSession != null &&
    event.session != null &&
    previousSession !== event.session;
  if (event.type === 'connect' && (event.takeover || elsewhere)) {
    return {
      ...base,
      kind: 'takeover',
      message: elsewhere
        ? `${entry.name}'s exam was taken over from a different sign-in (another device).`
        : `${entry.name}'s exam was opened in another tab or window.`,
    };
  }
  return undefined;
}

/**
 * When the candidate was back after the disconnect at `index` of one attempt's events (oldest
 * first): the next connect, or null while they are still away. One disconnect, one line.
 */
export function backAfter(events: readonly ConnectionEvent[], index: number): number | null {
  const event = events[index];
  if (!event) return null;
  const back = events
    .slice(index + 1)
    .find((e) => e.type === 'connect' && e.attemptId === event.attemptId);
  return back ? back.at.getTime() : null;
}

/** The disconnect a connect ended: the attempt's last event before it, if a real disconnect. */
export function disconnectEndedBy(
  events: readonly ConnectionEvent[],
  index: number,
): number | undefined {
  const event = events[index];
  if (event?.type !== 'connect') return undefined;
  for (let i = index - 1; i >= 0; i -= 1) {
    const before = events[i]!;
    if (before.attemptId !== event.attemptId) continue;
    return before.type === 'disconnect' && !before.takenOver ? i : undefined;
  }
  return undefined;
}

/**
 * A browser that is not Safe Exam Browser is refused on every request: at most one integrity
 * alert per candidate in this long; the refusals in between are audited.
 */
export const INTEGRITY_ALERT_EVERY_MS = 60_000;

/** Which Safe Exam Browser check failed, as a proctor can act on it (seb.plugin.ts's reasons). */
const sebCheckWords: Record<string, string> = {
  'no config key hash':
    'it sent no Safe Exam Browser Config Key (not Safe Exam Browser, or not started from the sitting’s configuration file)',
  'config key hash is not 64 lower-case hex digits':
    'its Safe Exam Browser Config Key is malformed',
  'config key hash does not match':
    'its Safe Exam Browser configuration is not this sitting’s (the Config Key does not match)',
  'browser exam key hash missing or not 64 lower-case hex digits':
    'it sent no valid Safe Exam Browser Browser Exam Key',
  'browser exam key hash does not match':
    'its Safe Exam Browser build is not one this sitting admits (the Browser Exam Key does not match)',
};

/** The alert of a refused request: the same id wherever and whenever it is built. */
export function integrityAlertFor(
  entry: Pick<RosterEntry, 'enrolmentId' | 'name'>,
  at: number,
  reason: string | undefined,
): ProctorAlert {
  const check = reason
    ? (sebCheckWords[reason] ?? reason)
    : 'it is not the required Safe Exam Browser';
  return {
    id: `integrity-${entry.enrolmentId}-${at}`,
    at,
    kind: 'integrity',
    acknowledged: false,
    enrolmentId: entry.enrolmentId,
    candidateName: entry.name,
    message: `${entry.name}'s browser was refused: ${check}.`,
  };
}

/**
 * The integrity alerts of a sitting's refusals (oldest first), one per candidate a minute, by
 * the same rule as the live alerts, so a reloaded dashboard shows the alerts it was shown.
 */
export function integrityAlerts(
  refusals: readonly { candidateId: string; at: number; reason: string }[],
  roster: readonly Pick<RosterEntry, 'enrolmentId' | 'name' | 'candidateId'>[],
): ProctorAlert[] {
  const last = new Map<string, number>();
  return refusals.flatMap((refusal) => {
    const entry = roster.find((e) => e.candidateId === refusal.candidateId);
    const previous = last.get(refusal.candidateId) ?? -Infinity;
    if (!entry || refusal.at - previous < INTEGRITY_ALERT_EVERY_MS) return [];
    last.set(refusal.candidateId, refusal.at);
    return [integrityAlertFor(entry, refusal.at, refusal.reason)];
  });
}
