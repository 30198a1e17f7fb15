import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Rubric, RubricContent, RubricCriterion } from '@exam/shared/api';
import { competencyDomains, type CompetencyDomain } from '@exam/shared/domain';
import { ApiError, messageOf } from '../../lib/api';
import { domainLabel } from '../../lib/labels';
import { FormError } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { useSession } from '../auth';
import { createRubricVersion, updateRubric } from './grading.api';
import { takeoverMessage } from './rubric-takeover';

const levelLabels = ['Beginning', 'Emerging', 'Proficient', 'Exemplary'];

function newCriterion(existing: readonly RubricCriterion[]): RubricCriterion {
  let n = existing.length + 1;
  while (existing.some((c) => c.id === `criterion-${n}`)) n += 1;
  return {
    id: `criterion-${n}`,
    title: '',
    domain: 'reflection',
    levels: levelLabels.map((label, i) => ({ score: i + 1, label, descriptor: '' })),
  };
}

/**
 * Edits a rubric's content. Saving in place is offered only while no grader holds a response on
 * the version; saving as a new version always works and applies to responses no grader has been
 * given yet (the message after it says how many moved and how many stay behind).
 * Focus starts on the title (the Edit button it replaces is gone), and a second press while a
 * save is on its way sends nothing: two quick presses of 'Save as a new version' made two.
 */
export function RubricEditor({
  rubric,
  onDone,
  onCancel,
}: {
  rubric: Rubric;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const { expired } = useSession();
  const [content, setContent] = useState<RubricContent>({
    title: rubric.title,
    criteria: rubric.criteria,
    passingRule: rubric.passingRule,
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A ref as well as state: two presses in one task both see the state as it was.
  const saving = useRef(false);
  const form = useRef<HTMLFormElement>(null);
  const locked = rubric.scoringStartedAt !== null;
  const requalifyId = useId();

  useEffect(() => {
    form.current?.querySelector('input')?.focus();
  }, []);

  function setCriterion(index: number, change: Partial<RubricCriterion>) {
    setContent((c) => ({
      ...c,
      criteria: c.criteria.map((x, i) => (i === index ? { ...x, ...change } : x)),
    }));
  }

  async function save(asNew: boolean) {
    if (saving.current) return;
    saving.current = true;
    setBusy(true);
    setError(null);
    try {
      if (asNew) {
        const { rubric: saved, takeover } = await createRubricVersion(rubric.variant, content);
        onDone(takeoverMessage(saved.version, takeover));
      } else {
        const saved = await updateRubric(rubric.id, content);
        onDone(`Saved version ${saved.version} in place.`);
      }
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) expired();
      setError(messageOf(caught));
      saving.current = false;
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(locked);
  }

  return (
    <form
      ref={form}
      className="form rubric-editor"
      onSubmit={submit}
      aria-label={`Edit ${rubric.title}`}
    >
      <TextField
        label="Rubric title"
        required
        value={content.title}
        onChange={(title) => setContent((c) => ({ ...c, title }))}
      />
      <TextField
        label="Minimum level on every criterion"
        type="number"
        min={1}
        max={4}
        step={0.5}
        value={String(content.passingRule.minLevelPerCriterion)}
        onChange={(v) =>
          setContent((c) => ({
            ...c,
            passingRule: { ...c.passingRule, minLevelPerCriterion: Number(v) },
          }))
        }
      />
      <TextField
        label="Minimum total per response"
        type="number"
        min={1}
        max={40}
        step={0.5}
        value={String(content.passingRule.minTotalPerResponse)}
        onChange={(v) =>
          setContent((c) => ({
            ...c,
            passingRule: { ...c.passingRule, minTotalPerResponse: Number(v) },
          }))
        }
      />
      {content.criteria.map((criterion, index) => (
        <fieldset key={criterion.id} className="criterion">
          <legend>Criterion {index + 1}</legend>
          <TextField
            label={`Criterion ${index + 1} title`}
            required
            value={criterion.title}
            onChange={(title) => setCriterion(index, { title })}
          />
          <div className="field">
            <label htmlFor={`${criterion.id}-domain`}>Criterion {index + 1} domain</label>
            <select
              id={`${criterion.id}-domain`}
              value={criterion.domain}
              onChange={(event) =>
                setCriterion(index, { domain: event.target.value as CompetencyDomain })
              }
            >
              {competencyDomains.map((d) => (
                <option key={d} value={d}>
                  {domainLabel(d)}
                </option>
              ))}
            </select>
          </div>
          {criterion.levels.map((level, li) => (
            <div className="field" key={level.score}>
              <label htmlFor={`${criterion.id}-level-${level.score}`}>
                Criterion {index + 1}, level {level.score} ({level.label})
              </label>
              <textarea
                id={`${criterion.id}-level-${level.score}`}
                rows={2}
                required
                value={level.descriptor}
                onChange={(event) =>
                  setCriterion(index, {
                    levels: criterion.levels.map((l, j) =>
                      j === li ? { ...l, descriptor: event.target.value } : l,
                    ),
                  })
                }
              />
            </div>
          ))}
          {content.criteria.length > 1 && (
            <button
              type="button"
              className="secondary"
              onClick={() =>
                setContent((c) => ({ ...c, criteria: c.criteria.filter((_, i) => i !== index) }))
              }
            >
              Remove criterion {index + 1}
            </button>
          )}
        </fieldset>
      ))}
      <button
        type="button"
        className="secondary"
        disabled={content.criteria.length >= 8}
        onClick={() =>
          setContent((c) => ({ ...c, criteria: [...c.criteria, newCriterion(c.criteria)] }))
        }
      >
        Add a criterion
      </button>
      <p className="hint">
        {locked
          ? 'Graders hold responses on this version, so your changes become a new version, used for responses no grader has been given yet.'
          : 'No grader holds a response on this version yet, so you may change it in place or save a new version.'}
      </p>
      <FormError message={error} />
      <div className="actions">
        <button
          type="submit"
          aria-disabled={busy}
          aria-describedby={locked ? requalifyId : undefined}
        >
          {locked ? 'Save as a new version' : 'Save changes'}
        </button>
        {!locked && (
          <button
            type="button"
            className="secondary"
            aria-disabled={busy}
            aria-describedby={requalifyId}
            onClick={() => void save(true)}
          >
            Save as a new version
          </button>
        )}
        <p className="action-reason" id={requalifyId}>
          {/* Qualifications are held per version (routing asks for one on the response's version). */}
          A new version takes over every response no grader has been given yet (a response graders
          hold keeps its version for all its readings), and every grader of this variant must
          qualify again on the new version (a qualification set, or the chief grader&apos;s
          decision) before they are given any of them.
        </p>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
