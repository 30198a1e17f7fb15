import { useState, type FormEvent } from 'react';
import type { SittingClockOverride } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { useFormatDate } from '../../lib/dates';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { LoadState, SelectField } from '../../ui/fields';
import { TextField } from '../../ui/TextField';
import { ZonedInstantField } from '../bookings';
import { getSittingClock, overrideSittingClock } from './sitting-clock.api';

const actions = [
  { value: 'open', label: 'Open now' },
  { value: 'close', label: 'Close now' },
  { value: 'hold', label: 'Hold the automatic moves until…' },
  { value: 'release', label: 'Release the hold' },
] as const;
type Action = (typeof actions)[number]['value'];

/**
 * The sitting's clock: when it opens and closes by itself, and the coordinator's override of
 * it. Every override needs a reason, because the server audits it.
 */
export function SittingClockPanel(props: {
  sittingId: string;
  timeZone: string;
  onChanged(): void;
}) {
  const format = useFormatDate('not set');
  const clock = useLoad((signal) => getSittingClock(props.sittingId, signal), [props.sittingId]);
  const [action, setAction] = useState<Action>('open');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setMessage(null);
    if (action === 'hold' && !until) {
      setError('Choose the date and time to hold until.');
      return;
    }
    const override: SittingClockOverride =
      action === 'hold' ? { action, reason, until: until ?? '' } : { action, reason };
    try {
      clock.set(await overrideSittingClock(props.sittingId, override));
      setMessage(`Done: ${actions.find((a) => a.value === action)?.label ?? action}.`);
      setReason('');
      props.onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section aria-labelledby="clock-heading">
      <h2 id="clock-heading">The sitting’s clock</h2>
      <LoadState state={clock.state} what="the clock" />
      {clock.state.status === 'loaded' && (
        <dl>
          <dt>Check-in opens</dt>
          <dd>{format(clock.state.data.checkInOpensAt)}</dd>
          <dt>Starts</dt>
          <dd>{format(clock.state.data.startsAt)}</dd>
          <dt>Late after</dt>
          <dd>{format(clock.state.data.lateCutoffAt)}</dd>
          <dt>Closes</dt>
          <dd>{format(clock.state.data.closesAt)}</dd>
          <dt>Held until</dt>
          <dd>{clock.state.data.heldUntil ? format(clock.state.data.heldUntil) : 'no hold'}</dd>
        </dl>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <SelectField
          label="Override"
          value={action}
          onChange={(v) => setAction(v as Action)}
          options={actions}
        />
        {action === 'hold' && (
          <ZonedInstantField
            label="Hold until"
            zone={props.timeZone}
            value={until}
            onChange={setUntil}
          />
        )}
        <TextField label="Reason for the override" value={reason} onChange={setReason} />
        <button type="submit">Apply the override</button>
        <FormError message={error} />
        <StatusMessage message={message} />
      </form>
    </section>
  );
}
