import { useState, type FormEvent } from 'react';
import type { BookingSettings } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { CheckboxField, LoadState, RadioGroup } from '../../ui/fields';
import { getBookingSettings, saveBookingSettings } from './bookings.api';

/**
 * The association's rules: the authorisation window, reminders, no-shows, the accommodation
 * deadline and the deadline reminders.
 */
export function BookingSettingsForm() {
  const { state } = useLoad((signal) => getBookingSettings(signal), []);
  return (
    <section aria-labelledby="booking-settings-heading">
      <h2 id="booking-settings-heading">Booking settings</h2>
      <LoadState state={state} what="the settings" />
      {state.status === 'loaded' && <SettingsForm initial={state.data} />}
    </section>
  );
}

function SettingsForm({ initial }: { initial: BookingSettings }) {
  const [kind, setKind] = useState<string>(initial.windowKind);
  const [months, setMonths] = useState(String(initial.windowMonths));
  const [sittings, setSittings] = useState(String(initial.windowSittings));
  const [reminders, setReminders] = useState(initial.reminderDays.join(', '));
  const [noShow, setNoShow] = useState(initial.noShowCountsAsAttempt);
  const [accommodationDays, setAccommodationDays] = useState(
    String(initial.accommodationRequestDays),
  );
  const [deadlineDays, setDeadlineDays] = useState(String(initial.deadlineReminderDays));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setStatus(null);
    try {
      await saveBookingSettings({
        windowKind: kind === 'sittings' ? 'sittings' : 'months',
        windowMonths: Number(months),
        windowSittings: Number(sittings),
        reminderDays: reminders
          .split(/[^0-9]+/)
          .filter(Boolean)
          .map(Number),
        noShowCountsAsAttempt: noShow,
        accommodationRequestDays: Number(accommodationDays),
        deadlineReminderDays: Number(deadlineDays),
      });
      setStatus('Settings saved.');
    } catch (caught) {
      setError(messageOf(caught));
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Booking settings">
      <FormError message={error} />
      <StatusMessage message={status} />
      <RadioGroup
        legend="An authorisation lasts"
        name="window-kind"
        value={kind}
        onChange={setKind}
        options={[
          { value: 'months', label: 'A number of months' },
          { value: 'sittings', label: 'Through the next sittings' },
        ]}
      />
      <TextField label="Months" inputMode="numeric" value={months} onChange={setMonths} />
      <TextField label="Sittings" inputMode="numeric" value={sittings} onChange={setSittings} />
      <TextField
        label="Reminder days before expiry"
        hint="For example 30, 7"
        value={reminders}
        onChange={setReminders}
      />
      <CheckboxField label="A no-show counts as an attempt" checked={noShow} onChange={setNoShow} />
      <TextField
        label="Accommodation requests close (days before the sitting)"
        inputMode="numeric"
        value={accommodationDays}
        onChange={setAccommodationDays}
      />
      <TextField
        label="Deadline reminder days"
        hint="Days before the free-cancellation cutoff and the accommodation request deadline that a booked candidate is reminded of each; 0: no such reminders"
        inputMode="numeric"
        value={deadlineDays}
        onChange={setDeadlineDays}
      />
      <button type="submit">Save settings</button>
    </form>
  );
}
