import type { BankFormSummary, UserSummary, VignetteSetSummary } from '@exam/shared/api';
import { variantLabels } from '../../lib/labels';
import { CheckboxGroup, SelectField } from '../../ui/fields';
import type { SittingDraft } from './sitting-draft';

type Change = <K extends keyof SittingDraft>(key: K, value: SittingDraft[K]) => void;

export interface SittingOptions {
  forms: BankFormSummary[];
  sets: VignetteSetSummary[];
  proctors: UserSummary[];
}

export function setLabel(set: VignetteSetSummary): string {
  const who = set.audience === 'mentor' ? 'Mentors' : 'Specialists';
  const endorsement = set.endorsement ?? 'both endorsements';
  return `${set.title} — ${variantLabels[set.variant]}, ${who}, ${endorsement}`;
}

function formOptions(forms: BankFormSummary[], endorsement: string, chosen: string) {
  const usable = forms.filter(
    (f) => f.endorsement === endorsement && (f.status !== 'retired' || f.id === chosen),
  );
  return [
    { value: '', label: 'None yet' },
    ...usable.map((f) => ({
      value: f.id,
      label: `${f.name} (${f.status}, ${f.itemCount} questions, cut ${f.cutScore})`,
    })),
  ];
}

/** The forms, vignette sets and proctors the sitting uses. */
export function ContentFields(props: {
  draft: SittingDraft;
  change: Change;
  options: SittingOptions;
}) {
  const { draft, change, options } = props;
  const sets = options.sets.filter(
    (s) => s.status === 'active' || draft.vignetteSetIds.includes(s.id),
  );
  return (
    <fieldset className="form-section">
      <legend>Forms, vignettes and proctors</legend>
      <SelectField
        label="Part One form for IMH-E"
        value={draft.formImh}
        onChange={(v) => change('formImh', v)}
        options={formOptions(options.forms, 'IMH-E', draft.formImh)}
      />
      <SelectField
        label="Part One form for ECMH-E"
        value={draft.formEcmh}
        onChange={(v) => change('formEcmh', v)}
        options={formOptions(options.forms, 'ECMH-E', draft.formEcmh)}
      />
      <CheckboxGroup
        legend="Vignette sets"
        options={sets.map((s) => ({ value: s.id, label: setLabel(s) }))}
        selected={draft.vignetteSetIds}
        onChange={(v) => change('vignetteSetIds', v)}
        empty="No active vignette sets: write one under Vignette sets."
      />
      <CheckboxGroup
        legend="Proctors"
        options={options.proctors.map((p) => ({
          value: p.id,
          label: `${p.displayName} (${p.email})`,
        }))}
        selected={draft.proctorIds}
        onChange={(v) => change('proctorIds', v)}
        empty="Nobody holds the proctor role yet: grant it under Users and roles."
      />
    </fieldset>
  );
}
