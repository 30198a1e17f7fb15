import { variants } from '@exam/shared/domain';
import { variantLabels } from '../../lib/labels';
import { CheckboxField, RadioGroup, TextAreaField } from '../../ui/fields';
import { TextField } from '../../ui/TextField';
import type { SittingDraft } from './sitting-draft';

type Change = <K extends keyof SittingDraft>(key: K, value: SittingDraft[K]) => void;

/** Timing and the Part Two policies (the cut belongs to the form: see standard setting). */
export function PolicyFields({ draft, change }: { draft: SittingDraft; change: Change }) {
  return (
    <fieldset className="form-section">
      <legend>Timing and policies</legend>
      <div className="field-row">
        <TextField
          label="Part One minutes"
          type="number"
          inputMode="numeric"
          value={draft.part1Minutes}
          onChange={(v) => change('part1Minutes', v)}
        />
        <TextField
          label="Part Two minutes"
          type="number"
          inputMode="numeric"
          value={draft.part2Minutes}
          onChange={(v) => change('part2Minutes', v)}
        />
      </div>
      <p className="hint">
        Cut score: each candidate is scored against their form&apos;s cut, shown with the form
        above. A form&apos;s cut changes only by adopting a standard-setting study.
      </p>
      <CheckboxField
        label="Spellcheck in Part Two"
        checked={draft.spellcheck}
        onChange={(v) => change('spellcheck', v)}
      />
      <RadioGroup
        legend="Pasting into Part Two"
        name="paste"
        value={draft.paste}
        onChange={(v) => change('paste', v as SittingDraft['paste'])}
        options={[
          { value: 'allowed', label: 'Allowed with formatting' },
          { value: 'plain-text', label: 'Plain text only' },
          { value: 'blocked', label: 'Blocked' },
        ]}
      />
      <TextField
        label="Word limit per response"
        type="number"
        inputMode="numeric"
        hint="Candidates are warned past it; leave empty for no limit."
        value={draft.wordLimit}
        onChange={(v) => change('wordLimit', v)}
      />
      <fieldset className="passing-rules">
        <legend>Safe Exam Browser</legend>
        <CheckboxField
          label="Require Safe Exam Browser for every candidate request"
          checked={draft.sebRequired}
          onChange={(v) => change('sebRequired', v)}
        />
        <TextAreaField
          label="Config Keys (one per line)"
          hint="From the Safe Exam Browser configuration file; 64 hexadecimal characters each."
          value={draft.sebConfigKeys}
          onChange={(v) => change('sebConfigKeys', v)}
        />
        <TextAreaField
          label="Browser Exam Keys (optional, one per line)"
          hint="Only these Safe Exam Browser builds are admitted when any are given."
          value={draft.sebBrowserExamKeys}
          onChange={(v) => change('sebBrowserExamKeys', v)}
        />
      </fieldset>
      <fieldset className="passing-rules">
        <legend>Part Two passing rule</legend>
        <p className="hint">Leave a variant empty to use its rubric&apos;s own rule.</p>
        {variants.map((v) => (
          <div className="field-row" key={v}>
            <TextField
              label={`${variantLabels[v]}: lowest level on any criterion`}
              type="number"
              inputMode="numeric"
              min={1}
              max={4}
              value={draft.passing[v].level}
              onChange={(level) =>
                change('passing', { ...draft.passing, [v]: { ...draft.passing[v], level } })
              }
            />
            <TextField
              label={`${variantLabels[v]}: lowest total per response`}
              type="number"
              inputMode="numeric"
              value={draft.passing[v].total}
              onChange={(total) =>
                change('passing', { ...draft.passing, [v]: { ...draft.passing[v], total } })
              }
            />
          </div>
        ))}
      </fieldset>
    </fieldset>
  );
}
