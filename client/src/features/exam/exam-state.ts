import { displayedRemainingMs } from '@exam/shared/domain';
import type { PartClock, PartTwoState, Question } from '@exam/shared/protocol';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'offline' | 'closed';

export interface AnswerState {
  choice: number | null;
  flagged: boolean;
}

/** What the candidate's screen renders; the exam client is its only writer. */
export interface ExamState {
  connection: ConnectionStatus;
  /** Set when the connection ended for good (taken over, signed out, no sitting). */
  finalProblem: string | undefined;
  /** This device must enter a proctor's resume code before it may continue the attempt. */
  resumeCodeRequired: boolean;
  /** A proctor has admitted the candidate; until then the lobby says they are waiting. */
  admitted: boolean;
  /** The proctor has paused the whole room: no part can start until the room's resume. */
  roomPaused: boolean;
  loaded: boolean;
  /** The attempt the welcome named; keys what this device remembers of it (the open question). */
  attemptId: string | undefined;
  sittingName: string;
  parts: PartClock[];
  questions: Question[];
  /** Stored answers with every unacknowledged local change applied on top. */
  answers: Record<number, AnswerState>;
  /** Changes not yet acknowledged by the server: answers, vignette drafts and the choice. */
  pendingCount: number;
  /** Answers that reached the server after time ran out: held for the proctor, kept on this device. */
  heldAnswers: number;
  /** Vignette responses held the same way. */
  heldDrafts: number;
  /** 1 while the choice of vignettes is held the same way. */
  heldChoices: number;
  /**
   * Changes that left the outbox without being stored: refused for good by the server, or still
   * waiting when Part Two closed. The candidate was told each time; from then on the save
   * indicator never says that everything is saved.
   */
  notSavedCount: number;
  /**
   * Why they were not stored, as the candidate was told: distinct, most recent first, a few at
   * most (not-saved-tally.ts). Several refusals showed only the last one's words before.
   */
  notSavedReasons: string[];
  /**
   * The server holds something the candidate did in this attempt (an answer, a response, the
   * choice of vignettes, a tool or display setting): the welcome carried it, or a change was
   * acknowledged since. Until then the indicator says nothing is saved yet: "All answers saved"
   * over an empty attempt told the candidate something had been stored when nothing had.
   */
  savedAny: boolean;
  /** When everything was last acknowledged (client clock, for display only). */
  lastSavedAt: number | undefined;
  /** Server time minus client time, measured on every message. */
  skewMs: number;
  /** The latest thing the candidate should be told, if any. */
  notice: string | undefined;
  /** The vignette set, once Part One is closed; null before. */
  partTwo: PartTwoState | null;
  /** Why this candidate cannot sit Part Two, if they cannot. */
  partTwoProblem: string | null;
  /** Accommodations on the candidate's profile that change how the screen looks. */
  display: { largeText: boolean; highContrast: boolean; breaks: boolean };
  /**
   * What the candidate chose for themselves (with any unacknowledged change on top). The screen
   * shows the union with `display`: an accommodation's setting cannot be turned off here.
   */
  preferredDisplay: { largeText: boolean; highContrast: boolean };
  /** Bumped whenever a tool (struck option, highlight, note) changes, so the screen rereads it. */
  toolsVersion: number;
  /** Chosen vignettes: the stored choice with any unacknowledged change on top. */
  chosen: number[];
  /**
   * Vignettes whose latest text cannot be saved as it is (too long, or refused by the server's
   * checks), with what to tell the candidate. The text stays in the outbox meanwhile.
   */
  unsavable: Record<number, string>;
  /**
   * Bumped for a vignette when its text was replaced by a newer version stored from another
   * device, so the editor reloads it; editors otherwise own their content.
   */
  replaced: Record<number, number>;
  /** A submit is waiting for every change to be acknowledged first. */
  submitting: boolean;
  /** Why the last submit did not go through, if it did not. */
  submitProblem: string | undefined;
}

export const initialExamState: ExamState = {
  connection: 'connecting',
  finalProblem: undefined,
  resumeCodeRequired: false,
  admitted: false,
  roomPaused: false,
  loaded: false,
  attemptId: undefined,
  sittingName: '',
  parts: [],
  questions: [],
  answers: {},
  pendingCount: 0,
  heldAnswers: 0,
  heldDrafts: 0,
  heldChoices: 0,
  notSavedCount: 0,
  notSavedReasons: [],
  savedAny: false,
  lastSavedAt: undefined,
  skewMs: 0,
  notice: undefined,
  partTwo: null,
  partTwoProblem: null,
  display: { largeText: false, highContrast: false, breaks: false },
  preferredDisplay: { largeText: false, highContrast: false },
  toolsVersion: 0,
  chosen: [],
  unsavable: {},
  replaced: {},
  submitting: false,
  submitProblem: undefined,
};

/**
 * Whether a part takes no more changes on this device: closed, or its deadline has passed as the
 * client measures it, `deadline - (now + skew)`. The server's grace is only for changes made
 * before that moment and still on their way.
 */
export function isTimeUp(clock: PartClock | undefined, now: number, skewMs: number): boolean {
  if (!clock) return false;
  if (clock.status === 'expired' || clock.status === 'submitted' || clock.status === 'ended')
    return true;
  return (
    clock.status === 'running' &&
    clock.deadline !== null &&
    displayedRemainingMs(clock.deadline, now, skewMs) <= 0
  );
}

/** What the candidate is told about changes held after time ran out; undefined when none. */
export function heldText(
  state: Pick<ExamState, 'heldAnswers' | 'heldDrafts' | 'heldChoices'>,
): string | undefined {
  const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);
  const parts = [
    ...(state.heldAnswers > 0 ? [count(state.heldAnswers, 'answer', 'answers')] : []),
    ...(state.heldDrafts > 0 ? [count(state.heldDrafts, 'response', 'responses')] : []),
    ...(state.heldChoices > 0 ? ['your choice of vignettes'] : []),
  ];
  if (parts.length === 0) return undefined;
  return `${parts.join(' and ')} reached us after time ran out; the proctor will decide`;
}

/**
 * How the status bar names a connection that is not open. A closed one was refused for good
 * (no sitting open to this candidate, the exam open on another device): it said "reconnecting",
 * though nothing would reconnect until the candidate acted.
 */
export const connectionWords = {
  connecting: 'reconnecting',
  reconnecting: 'reconnecting',
  offline: 'offline',
  closed: 'not connected',
} as const satisfies Record<Exclude<ConnectionStatus, 'open'>, string>;

/**
 * What the indicator says while nothing of the attempt is stored and nothing waits: Part One's
 * answers, or in Part Two anything at all (the practice run's vignette says the same words).
 * Undefined once something is stored.
 */
export function nothingSavedText(
  state: Pick<ExamState, 'savedAny' | 'partTwo'>,
): string | undefined {
  if (state.savedAny) return undefined;
  return state.partTwo ? 'Nothing saved yet' : 'No answers yet';
}

/** The save indicator's words: never "saved" while anything is unacknowledged or held. */
export function saveStatusText(state: ExamState, formatTime: (ms: number) => string): string {
  const held = heldText(state);
  if (held) {
    if (state.pendingCount === 0) return `${held}. They are kept on this device.`;
    return `${held}. ${state.pendingCount === 1 ? '1 change' : `${state.pendingCount} changes`} still waiting to reach us.`;
  }
  const blocked = Object.keys(state.unsavable).map(Number);
  if (blocked.length > 0) {
    const which = blocked.map((v) => `vignette ${v}`).join(' and ');
    return `Not saved: your response to ${which} cannot be saved as it is – your text is kept on this device`;
  }
  const waiting =
    state.pendingCount === 1
      ? '1 change waiting to save'
      : `${state.pendingCount} changes waiting to save`;
  if (state.pendingCount > 0) {
    if (state.connection === 'offline')
      return `${waiting} – you are offline; they are kept on this device`;
    if (state.connection === 'closed')
      return `${waiting} – not connected; they are kept on this device`;
    if (state.connection === 'open')
      return `Saving ${state.pendingCount === 1 ? '1 change' : `${state.pendingCount} changes`}…`;
    return `${waiting} – reconnecting`;
  }
  if (state.notSavedCount > 0) {
    const lost = notSavedText(state.notSavedCount);
    return state.connection === 'open' ? lost : `${lost} – ${connectionWords[state.connection]}`;
  }
  const saved =
    nothingSavedText(state) ??
    (state.lastSavedAt === undefined
      ? 'All answers saved'
      : `All answers saved – ${formatTime(state.lastSavedAt)}`);
  if (state.connection === 'open') return saved;
  return `${saved} – ${connectionWords[state.connection]}`;
}

/** Changes that can never be stored, in a few words: never "saved". */
export function notSavedText(count: number): string {
  return count === 1 ? '1 change could not be saved' : `${count} changes could not be saved`;
}

/**
 * Why Part Two cannot be submitted as it stands, or undefined when it can: the wrong number of
 * vignettes chosen, or a response that cannot be saved (submitting would drop its latest text).
 */
export function partTwoSubmitProblem(state: ExamState): string | undefined {
  const required = state.partTwo?.requiredCount;
  if (required !== undefined && state.chosen.length !== required) {
    const needed = required === 1 ? '1 vignette' : `${required} vignettes`;
    return `Choose exactly ${needed} to answer before submitting. You have chosen ${state.chosen.length}.`;
  }
  const blocked = Object.keys(state.unsavable).map(Number);
  if (blocked.length > 0) {
    return `Your response to vignette ${blocked.join(' and ')} cannot be saved as it is. Shorten it so it saves, then submit.`;
  }
  return undefined;
}

/** What to tell the candidate when Part Two closed with changes still unacknowledged. */
export function unsavedAtCloseNotice(vignettes: number[], choice: boolean): string | undefined {
  const lost = [
    ...(vignettes.length > 0 ? [`your latest changes to vignette ${vignettes.join(' and ')}`] : []),
    ...(choice ? ['your latest change of choice'] : []),
  ];
  if (lost.length === 0) return undefined;
  return `Part Two closed before ${lost.join(' and ')} could be saved; the last saved version is kept.`;
}

function durationWords(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes === 0) return unit(rest, 'second');
  return rest === 0
    ? unit(minutes, 'minute')
    : `${unit(minutes, 'minute')} ${unit(rest, 'second')}`;
}

/**
 * What to tell the candidate when a running or paused part's allowance changes (a proctor's
 * extra time or disconnect credit, an accommodation, an outage credit): the clock only jumped
 * before, which a candidate could take for a fault and a screen reader never announced.
 */
export function timeChangeNotice(
  before: PartClock | undefined,
  after: PartClock,
): string | undefined {
  if (!before || (after.status !== 'running' && after.status !== 'paused')) return undefined;
  const change = after.allowedMs - before.allowedMs;
  if (Math.round(change / 1000) === 0) return undefined;
  const part = after.part === 1 ? 'Part One' : 'Part Two';
  const words = durationWords(change);
  return change > 0
    ? `${words} ${/^1 [a-z]+$/.test(words) ? 'was' : 'were'} added to your time for ${part}.`
    : `Your time for ${part} was reduced by ${words}.`;
}
