import { useState, type FormEvent } from 'react';
import type { GradingRules, PassingRule } from '@exam/shared/api';
import { variants, type Variant } from '@exam/shared/domain';
import { ApiError, messageOf } from '../../lib/api';
import { variantLabels } from '../../lib/labels';
import { FormError } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { useSession } from '../auth';
import { saveRules } from './results.api';

/**
 * The sitting's grading rules: how far two readings may differ before a third reader decides,
 * and per variant a passing rule that replaces the rubric's suggestion (blank: the rubric's).
 */
export function RulesForm({
  sittingId,
  rules,
  disabled,
  onSaved,
}: {
  sittingId: string;
  rules: GradingRules;
  disabled: boolean;
  /** Called after saving; the page reloads the review with the new rules. */
  onSaved(): void;
}) {
  const { expired } = useSession();
  const [perCriterion, setPerCriterion] = useState(String(rules.tolerancePerCriterion));
  const [total, setTotal] = useState(String(rules.toleranceTotal));
  const [overrides, setOverrides] = useState<Record<Variant, { level: string; total: string }>>(
    () =>
      Object.fromEntries(
        variants.map((v) => [
          v,
          {
            level: String(rules.passingRules[v]?.minLevelPerCriterion ?? ''),
            total: String(rules.passingRules[v]?.minTotalPerResponse ?? ''),
          },
        ]),
      ) as Record<Variant, { level: string; total: string }>,
  );
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const passingRules: Partial<Record<Variant, PassingRule>> = {};
    for (const v of variants) {
      const o = overrides[v];
      if (o.level.trim() !== '' || o.total.trim() !== '')
        passingRules[v] = {
          minLevelPerCriterion: Number(o.level),
          minTotalPerResponse: Number(o.total),
        };
    }
    try {
      await saveRules(sittingId, {
        tolerancePerCriterion: Number(perCriterion),
        toleranceTotal: Number(total),
        passingRules,
      });
      onSaved();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) expired();
      setError(messageOf(caught));
    }
  }

  const set = (v: Variant, key: 'level' | 'total') => (value: string) =>
    setOverrides((current) => ({ ...current, [v]: { ...current[v], [key]: value } }));

  return (
    <form className="form" onSubmit={(event) => void submit(event)} aria-labelledby="rules-heading">
      <h2 id="rules-heading">Grading rules</h2>
      <TextField
        label="Largest difference on a criterion before a third reading"
        type="number"
        min={0}
        max={3}
        required
        disabled={disabled}
        value={perCriterion}
        onChange={setPerCriterion}
      />
      <TextField
        label="Largest difference in total before a third reading"
        type="number"
        min={0}
        max={32}
        required
        disabled={disabled}
        value={total}
        onChange={setTotal}
      />
      {variants.map((v) => (
        <fieldset key={v}>
          <legend>{variantLabels[v]} passing rule (blank: the rubric&apos;s)</legend>
          <TextField
            label={`${variantLabels[v]}: minimum level on every criterion`}
            type="number"
            min={1}
            max={4}
            step={0.5}
            disabled={disabled}
            value={overrides[v].level}
            onChange={set(v, 'level')}
          />
          <TextField
            label={`${variantLabels[v]}: minimum total per response`}
            type="number"
            min={1}
            max={40}
            step={0.5}
            disabled={disabled}
            value={overrides[v].total}
            onChange={set(v, 'total')}
          />
        </fieldset>
      ))}
      <FormError message={error} />
      <button type="submit" disabled={disabled}>
        Save grading rules
      </button>
    </form>
  );
}
