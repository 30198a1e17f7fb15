import { useState, type FormEvent } from 'react';
import { TextField } from '../../ui/TextField';
import { noFilters, type AuditFilterFields } from './audit.api';

interface AuditFiltersProps {
  applied: AuditFilterFields;
  onApply(filters: AuditFilterFields): void;
}

/** The filter form; the server filters, so nothing changes until it is applied. */
export function AuditFilters({ applied, onApply }: AuditFiltersProps) {
  const [fields, setFields] = useState<AuditFilterFields>(applied);
  // Back or Forward brings other filters in the address: the form shows them.
  const [shown, setShown] = useState(applied);
  if (shown !== applied) {
    setShown(applied);
    setFields(applied);
  }
  const set = (name: keyof AuditFilterFields) => (value: string) =>
    setFields((current) => ({ ...current, [name]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(fields);
  }

  return (
    <form aria-label="Filter the audit log" className="form" onSubmit={submit}>
      <div className="field-row">
        <TextField
          label="Actor"
          type="email"
          hint="Email address of who acted"
          value={fields.actor}
          onChange={set('actor')}
        />
        <TextField
          label="Action"
          hint="Matches the start, e.g. auth."
          value={fields.action}
          onChange={set('action')}
        />
        <TextField
          label="Subject type"
          hint="e.g. user, sitting, attempt"
          value={fields.subjectType}
          onChange={set('subjectType')}
        />
        <TextField label="Subject id" value={fields.subjectId} onChange={set('subjectId')} />
      </div>
      <div className="field-row">
        <TextField
          label="From"
          type="datetime-local"
          step={1}
          hint="Your local time"
          value={fields.from}
          onChange={set('from')}
        />
        <TextField
          label="To"
          type="datetime-local"
          step={1}
          hint="Your local time"
          value={fields.to}
          onChange={set('to')}
        />
      </div>
      <div className="actions">
        <button type="submit">Apply filters</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setFields(noFilters);
            onApply(noFilters);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
