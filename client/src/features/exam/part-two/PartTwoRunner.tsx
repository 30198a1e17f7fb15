import { useEffect, useRef, useState } from 'react';
import type { PartTwoState } from '@exam/shared/protocol';
import { useFocusIfLost } from '../../../ui/use-focus-if-lost';
import type { ExamClient } from '../exam-client';
import type { ExamState } from '../exam-state';
import { useTimeUp } from '../use-exam-client';
import { useOpenPosition } from '../use-open-position';
import { PartTwoReview } from './PartTwoReview';
import { VignettePanel } from './VignettePanel';
import { VignetteTabs } from './VignetteTabs';

/** Part Two while it runs: the vignettes as tabs, each with its response, then a review to submit. */
export function PartTwoRunner(props: {
  client: ExamClient;
  state: ExamState;
  partTwo: PartTwoState;
}) {
  const { client, state, partTwo } = props;
  const [current, setCurrent] = useOpenPosition(
    state.attemptId,
    2,
    partTwo.vignettes[0]?.position ?? 1,
    (position) => partTwo.vignettes.some((v) => v.position === position),
  );
  const [reviewing, setReviewing] = useState(false);
  // Start Part Two is gone once the part runs: the candidate lands on its heading.
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(heading);
  const required = partTwo.requiredCount;
  const clock = state.parts.find((p) => p.part === 2);
  const paused = clock?.status !== 'running';
  const timeUp = useTimeUp(clock, state.skewMs);
  // Text typed before 0:00 and still waiting for the debounce goes now.
  useEffect(() => {
    if (timeUp) void client.flushDrafts();
  }, [timeUp, client]);

  const select = (position: number) => {
    // Leaving a vignette saves its text now rather than after the debounce.
    void client.flushDrafts();
    setCurrent(position);
  };

  const choose = (position: number, chosen: boolean) =>
    void client.setChosen(
      chosen ? [...state.chosen, position] : state.chosen.filter((p) => p !== position),
    );

  return (
    <section
      aria-labelledby="part-two-heading"
      className={paused ? 'part-two part-two-paused' : 'part-two'}
    >
      <h2 id="part-two-heading" tabIndex={-1} ref={heading}>
        Part Two: {partTwo.title}
      </h2>
      <p className="choice-summary" aria-live="polite">
        Answer {required} of the {partTwo.vignettes.length} vignettes. You have chosen{' '}
        {state.chosen.length}
        {state.chosen.length > 0 && `: vignette ${state.chosen.join(' and ')}`}.
      </p>
      {timeUp && (
        <p className="notice time-up" role="alert">
          Time is up. Your responses can no longer be changed; what you wrote before time ran out is
          kept.
        </p>
      )}
      {paused && (
        <p className="paused-badge">Paused: nothing can be changed until the proctor resumes.</p>
      )}
      <div hidden={reviewing}>
        <VignetteTabs
          vignettes={partTwo.vignettes}
          current={current}
          chosen={state.chosen}
          disabled={paused}
          onSelect={select}
        />
        {partTwo.vignettes.map((vignette) => (
          <VignettePanel
            key={vignette.position}
            client={client}
            vignette={vignette}
            hidden={vignette.position !== current}
            chosen={state.chosen.includes(vignette.position)}
            policies={partTwo.policies}
            replaced={state.replaced[vignette.position] ?? 0}
            problem={state.unsavable[vignette.position]}
            readOnly={paused || timeUp}
            onChosenChange={(chosen) => choose(vignette.position, chosen)}
          />
        ))}
        <div className="actions">
          <button
            type="button"
            className="secondary"
            disabled={paused}
            onClick={() => {
              void client.flushDrafts();
              setReviewing(true);
            }}
          >
            Review and submit
          </button>
        </div>
      </div>
      {reviewing && (
        <PartTwoReview
          client={client}
          state={state}
          partTwo={partTwo}
          paused={paused}
          onGo={(position) => {
            setReviewing(false);
            setCurrent(position);
          }}
          onBack={() => setReviewing(false)}
        />
      )}
    </section>
  );
}
