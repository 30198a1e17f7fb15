import { competencyDomains } from '@exam/shared/domain';
import type { CompetencyDomain } from '@exam/shared/domain';
import { domainLabel } from '../../lib/labels';
import { CheckboxGroup, TextAreaField } from '../../ui/fields';
import { TextField } from '../../ui/TextField';
import type { VignetteDraft } from './vignette-draft';

/** One vignette of a set: title, case, prompts and the domains its rubric scores. */
export function VignetteFields(props: {
  number: number;
  vignette: VignetteDraft;
  onChange(v: VignetteDraft): void;
  onRemove?: () => void;
}) {
  const { vignette: v, onChange } = props;
  return (
    <fieldset className="form-section">
      <legend>Vignette {props.number}</legend>
      <TextField
        label={`Vignette ${props.number} title`}
        value={v.title}
        onChange={(title) => onChange({ ...v, title })}
      />
      <TextAreaField
        label={`Vignette ${props.number} case`}
        hint="Separate paragraphs with a blank line."
        rows={8}
        value={v.caseText}
        onChange={(caseText) => onChange({ ...v, caseText })}
      />
      <TextAreaField
        label={`Vignette ${props.number} prompts`}
        hint="One prompt per line."
        value={v.prompts}
        onChange={(prompts) => onChange({ ...v, prompts })}
      />
      <CheckboxGroup
        legend={`Vignette ${props.number} domains`}
        options={competencyDomains.map((d) => ({ value: d, label: domainLabel(d) }))}
        selected={v.domains}
        onChange={(domains) => onChange({ ...v, domains: domains as CompetencyDomain[] })}
      />
      {props.onRemove && (
        <button type="button" className="secondary" onClick={props.onRemove}>
          Remove vignette {props.number}
        </button>
      )}
    </fieldset>
  );
}
