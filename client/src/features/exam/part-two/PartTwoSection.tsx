import { useRef } from 'react';
import type { PartClock } from '@exam/shared/protocol';
import type { ExamClient } from '../exam-client';
import { useFocusIfLost } from '../../../ui/use-focus-if-lost';
import type { ExamState } from '../exam-state';
import { PartTwoLobby } from './PartTwoLobby';
import { PartTwoRunner } from './PartTwoRunner';

const closedText = {
  submitted:
    'Your responses are stored. The vignettes you chose will be graded; the others are kept but not graded.',
  expired:
    'Time ran out. Your last saved text is kept, and the vignettes you chose will be graded.',
  ended: 'The proctor ended your exam. Your last saved text is kept.',
} as const;

/** Part Two, once Part One is closed: why it cannot be sat, its lobby, the runner, or its end. */
export function PartTwoSection(props: { client: ExamClient; state: ExamState; clock: PartClock }) {
  const { client, state, clock } = props;
  if (state.partTwoProblem) {
    return (
      <section aria-labelledby="part-two-problem-heading">
        <h2 id="part-two-problem-heading">Part Two</h2>
        <p className="form-error" role="alert">
          {state.partTwoProblem}
        </p>
      </section>
    );
  }
  if (!state.partTwo) return null;
  switch (clock.status) {
    case 'not-started':
      return (
        <PartTwoLobby
          partTwo={state.partTwo}
          clock={clock}
          roomPaused={state.roomPaused}
          onStart={() => client.startPart(2)}
        />
      );
    case 'running':
    case 'paused':
      // Kept mounted while paused, so the editors keep their text and undo history.
      return <PartTwoRunner client={client} state={state} partTwo={state.partTwo} />;
    case 'submitted':
    case 'expired':
    case 'ended':
      return <PartTwoClosed status={clock.status} />;
  }
}

/** Part Two over: focus comes here from the submit confirmation. */
function PartTwoClosed(props: { status: keyof typeof closedText }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(heading);
  return (
    <section aria-labelledby="part-two-closed-heading">
      <h2 id="part-two-closed-heading" tabIndex={-1} ref={heading}>
        {props.status === 'submitted' ? 'Part Two submitted' : 'Part Two is closed'}
      </h2>
      <p>{closedText[props.status]}</p>
    </section>
  );
}
