import { formatRemaining } from '@exam/shared/domain';
import type { PartClock, PartTwoState } from '@exam/shared/protocol';
import { StartPart } from '../RoomPaused';

const pasteRules = {
  allowed: 'You may paste text.',
  'plain-text': 'Pasted text keeps its words but not its formatting.',
  blocked: 'Pasting is turned off: type your responses.',
} as const;

/** Before Part Two: what it asks, the time, the sitting's rules, and the button that starts the clock. */
export function PartTwoLobby(props: {
  partTwo: PartTwoState;
  clock: PartClock;
  /** The proctor has paused the whole room: no part starts until the room's resume. */
  roomPaused: boolean;
  onStart(): void;
}) {
  const { partTwo, clock } = props;
  const { policies } = partTwo;
  return (
    <section aria-labelledby="part-two-lobby-heading" className="lobby">
      <h2 id="part-two-lobby-heading">Part Two: {partTwo.title}</h2>
      {partTwo.instructions.split(/\n+/).map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
      <ul>
        <li>
          {partTwo.vignettes.length} vignettes; you answer{' '}
          {partTwo.requiredCount === partTwo.vignettes.length
            ? 'all of them'
            : `${partTwo.requiredCount} of them, your choice`}
          . You can change your choice until you submit.
        </li>
        <li>
          Your time: {formatRemaining(clock.allowedMs)}. The clock starts when you press Start and
          is kept by the server; your text is saved as you type.
        </li>
        <li>Spell checking is {policies.spellcheck ? 'on' : 'off'}.</li>
        <li>{pasteRules[policies.paste]}</li>
        {policies.wordLimit !== null && (
          <li>
            Suggested length: up to {policies.wordLimit} words per response. Going over only shows a
            warning.
          </li>
        )}
      </ul>
      <StartPart part="Part Two" roomPaused={props.roomPaused} onStart={props.onStart} />
    </section>
  );
}
