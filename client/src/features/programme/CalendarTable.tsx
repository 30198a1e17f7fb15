import { useState } from 'react';
import { sittingStatuses, type CalendarEntry, type ProgrammeOverview } from '@exam/shared/api';
import { sittingStatusLabels } from '../../lib/labels';
import { SelectField } from '../../ui/fields';
import { formatDate } from '../../lib/dates';

const ALL = 'all';

/** The sittings of every association by month, filtered by when, association and status. */
export function CalendarTable({ figures }: { figures: ProgrammeOverview }) {
  const [when, setWhen] = useState<'upcoming' | 'past' | typeof ALL>('upcoming');
  const [association, setAssociation] = useState(ALL);
  const [status, setStatus] = useState(ALL);

  const shown = figures.calendar.filter(
    (c: CalendarEntry) =>
      (when === ALL || (when === 'upcoming') === c.upcoming) &&
      (association === ALL || c.associationId === association) &&
      (status === ALL || c.status === status),
  );

  return (
    <>
      <div className="filters">
        <SelectField
          label="When"
          value={when}
          onChange={(v) => setWhen(v as typeof when)}
          options={[
            { value: 'upcoming', label: 'Upcoming' },
            { value: 'past', label: 'Past' },
            { value: ALL, label: 'All' },
          ]}
        />
        <SelectField
          label="Association"
          value={association}
          onChange={setAssociation}
          options={[
            { value: ALL, label: 'All associations' },
            ...figures.associations.map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
        <SelectField
          label="Status"
          value={status}
          onChange={setStatus}
          options={[
            { value: ALL, label: 'Any status' },
            ...sittingStatuses.map((s) => ({ value: s, label: sittingStatusLabels[s] })),
          ]}
        />
      </div>
      {shown.length === 0 ? (
        <p>No sittings match.</p>
      ) : (
        <table>
          <caption>Sittings ({shown.length})</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Starts</th>
              <th scope="col">Sitting</th>
              <th scope="col">Association</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.sittingId}>
                <td>{c.month ?? 'Not scheduled'}</td>
                <td>
                  {c.startsAt
                    ? // The sitting's own zone (named): where the candidates sit it.
                      formatDate(c.startsAt, c.timeZone)
                    : '–'}
                </td>
                <th scope="row">{c.name}</th>
                <td>{c.association}</td>
                <td>
                  {sittingStatusLabels[c.status as keyof typeof sittingStatusLabels] ?? c.status}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
