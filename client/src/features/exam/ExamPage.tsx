import { lazy, Suspense, useEffect, useRef, type RefObject } from 'react';
import type { PartClock } from '@exam/shared/protocol';
import { useSession } from '../auth';
import { Page } from '../../ui/Page';
import { useFocusIfLost } from '../../ui/use-focus-if-lost';
import { DisplaySettings } from './DisplaySettings';
import { ExamClock } from './ExamClock';
import { ExamSignOut } from './ExamSignOut';
import { Lobby } from './lobby/Lobby';
import { NotSavedReasons } from './NotSavedReasons';
import { ResumeCodeForm } from './lobby/ResumeCodeForm';
import { PartOneRunner } from './PartOneRunner';
import { heldText, type ExamState } from './exam-state';
import { SaveIndicator } from './SaveIndicator';
import { useExamClient } from './use-exam-client';

// The essay editor (tiptap, ProseMirror) is most of the exam's script and only Part Two needs it.
const loadPartTwo = () => import('./part-two/PartTwoSection');
const PartTwoSection = lazy(async () => ({ default: (await loadPartTwo()).PartTwoSection }));

const isClosed = (clock: PartClock | undefined) =>
  clock !== undefined && ['submitted', 'expired', 'ended'].includes(clock.status);
const isLive = (clock: PartClock | undefined) =>
  clock?.status === 'running' || clock?.status === 'paused';
/** A part not sat yet: not started, or closed unsat from the start (a retake of the other). */
const isUnsat = (clock: PartClock | undefined) => !isClosed(clock) || clock?.notSat === true;

/** The candidate's exam: lobby, Part One, then Part Two once Part One is closed. */
export function ExamPage() {
  const { state: session } = useSession();
  const userId = session.status === 'signed-in' ? session.session.user.id : '';
  const { client, state } = useExamClient(userId);
  const partOne = state.parts.find((p) => p.part === 1);
  const partTwo = state.parts.find((p) => p.part === 2);
  const clock = isLive(partTwo) ? partTwo : isLive(partOne) ? partOne : undefined;
  // The proctor's end closes Part Two unstarted too: the exam is over, not Part Two.
  const endedInPartOne = partOne?.status === 'ended' && !partOne.notSat;
  // An accommodation's setting applies whatever the candidate chose; their own choice adds to it.
  useDisplayAccommodations(
    state.display.largeText || state.preferredDisplay.largeText,
    state.display.highContrast || state.preferredDisplay.highContrast,
  );
  useExamInProgress(clock !== undefined);
  const statusBar = useRef<HTMLDivElement>(null);
  useScrollClearOf(statusBar);
  usePartTwoFetchedEarly(!partTwo?.notSat && (partOne?.status === 'running' || isClosed(partOne)));

  return (
    <Page title={state.sittingName ? `Exam – ${state.sittingName}` : 'Exam'}>
      <div className="exam-status" role="region" aria-label="Exam status" ref={statusBar}>
        {clock && <ExamClock clock={clock} skewMs={state.skewMs} />}
        <SaveIndicator state={state} />
      </div>
      {state.finalProblem && (
        <p className="form-error" role="alert">
          {state.finalProblem}
        </p>
      )}
      {state.notice && !state.finalProblem && (
        <p className="notice" role="status">
          {state.notice}
        </p>
      )}
      <NotSavedReasons state={state} />
      {!state.loaded && !state.finalProblem && <p>Connecting to the exam…</p>}
      {state.loaded && partOne && partOne.status === 'not-started' && (
        <Lobby client={client} state={state} partOne={partOne} />
      )}
      {state.resumeCodeRequired && <ResumeCodeForm onRedeemed={() => client.retry()} />}
      {state.loaded && clock?.status === 'paused' && <PausedNotice />}
      {state.loaded && partOne?.status === 'running' && (
        <PartOneRunner client={client} state={state} />
      )}
      {partOne?.notSat && (
        <p data-testid="part-one-not-sat">
          Part One: not sat in this sitting. You retake Part Two only; your earlier Part One pass
          stands.
        </p>
      )}
      {partTwo?.notSat && (
        <p data-testid="part-two-not-sat">
          Part Two: not sat in this sitting. You retake Part One only; your earlier Part Two pass
          stands.
        </p>
      )}
      {isClosed(partOne) &&
        !partOne?.notSat &&
        !endedInPartOne &&
        !isLive(partTwo) &&
        isUnsat(partTwo) && <PartOneClosed state={state} expired={partOne?.status === 'expired'} />}
      {endedInPartOne && <ExamEnded />}
      {state.loaded && isClosed(partOne) && !endedInPartOne && partTwo && !partTwo.notSat && (
        <Suspense fallback={<p role="status">Loading Part Two…</p>}>
          <PartTwoSection client={client} state={state} clock={partTwo} />
        </Suspense>
      )}
      {state.loaded && <DisplaySettings client={client} state={state} />}
      {clock && <ExamSignOut pendingCount={state.pendingCount} />}
    </Page>
  );
}

/**
 * While a part runs (or is paused) the site header is hidden: its links lead away from the exam,
 * and on a small screen it pushed the clock off the first screen. The exam page offers sign-out
 * itself, behind a confirmation.
 */
function useExamInProgress(inProgress: boolean): void {
  useEffect(() => {
    document.body.classList.toggle('exam-in-progress', inProgress);
    return () => document.body.classList.remove('exam-in-progress');
  }, [inProgress]);
}

/**
 * Keeps what the keyboard focuses clear of the sticky status bar (WCAG 2.4.11): the page's
 * scroll padding follows the bar's height, which grows with large text or a reader's spacing.
 * Without it, tabbing back up the page scrolled each control to the top edge, under the bar.
 */
function useScrollClearOf(bar: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = bar.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() =>
      root.style.setProperty('--exam-status-height', `${element.offsetHeight}px`),
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--exam-status-height');
    };
  }, [bar]);
}

/**
 * Fetches Part Two's script once Part One is under way, after the first question is on screen:
 * a network that drops between the parts must not keep the candidate from the editor. A failed
 * fetch is tried again when Part Two opens.
 */
function usePartTwoFetchedEarly(partOneUnderWay: boolean): void {
  useEffect(() => {
    if (partOneUnderWay) loadPartTwo().catch(() => undefined);
  }, [partOneUnderWay]);
}

/** Large text and high contrast (accommodation or the candidate's choice) apply to the whole page. */
function useDisplayAccommodations(largeText: boolean, highContrast: boolean): void {
  useEffect(() => {
    document.body.classList.toggle('exam-large-text', largeText);
    document.body.classList.toggle('exam-high-contrast', highContrast);
    return () => document.body.classList.remove('exam-large-text', 'exam-high-contrast');
  }, [largeText, highContrast]);
}

/** Part One over and Part Two not begun: focus comes here from the submit confirmation. */
function PartOneClosed(props: { state: ExamState; expired: boolean }) {
  const { state } = props;
  const partTwo = state.parts.find((p) => p.part === 2);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(heading);
  return (
    <section aria-labelledby="closed-heading">
      <h2 id="closed-heading" tabIndex={-1} ref={heading}>
        Part One is closed
      </h2>
      <p>
        {props.expired
          ? 'Time ran out. Every answer the server acknowledged is kept and will be scored.'
          : 'Your answers are stored and will be scored.'}
      </p>
      {heldText(state) && (
        <p className="notice" data-testid="held-late-changes">
          {heldText(state)}. They are kept on this device until then, and your results will say what
          was decided.
        </p>
      )}
      {partTwo?.notSat && (
        <p data-testid="exam-finished">
          Your exam in this sitting is finished: there is no Part Two to sit. You may close this
          page.
        </p>
      )}
    </section>
  );
}

/**
 * The proctor ended the attempt during Part One. It read "Part Two is closed ... Your last saved
 * text is kept", Part Two's closing words about a part never begun.
 */
function ExamEnded() {
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(heading);
  return (
    <section aria-labelledby="exam-ended-heading">
      <h2 id="exam-ended-heading" tabIndex={-1} ref={heading}>
        The proctor ended your exam
      </h2>
      <p>
        Nothing more can be saved. Every answer the save indicator showed as saved is kept and will
        be scored. There is no Part Two for you in this sitting. You may close this page.
      </p>
    </section>
  );
}

/**
 * Part One's questions go while the exam is paused, and focus went with them to the page body:
 * the next Tab started from the top. Focus comes to the notice instead (Part Two's editors stay,
 * read-only, and keep it); on resuming, the question's heading takes it.
 */
function PausedNotice() {
  const notice = useRef<HTMLParagraphElement>(null);
  useFocusIfLost(notice);
  return (
    <p role="status" className="notice" tabIndex={-1} ref={notice}>
      The exam is paused by the proctor. The clock is stopped.
    </p>
  );
}
