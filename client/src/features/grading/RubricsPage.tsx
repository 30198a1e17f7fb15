import { useEffect, useRef, useState } from 'react';
import type { Rubric } from '@exam/shared/api';
import { variants, type Variant } from '@exam/shared/domain';
import { domainLabel, variantLabels } from '../../lib/labels';
import { useLoad } from '../../lib/use-load';
import { ProgrammeContentNote, useCanEditProgrammeContent } from '../auth';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { listRubrics } from './grading.api';
import { RubricEditor } from './RubricEditor';

/**
 * Rubrics per variant: the current version in full, earlier versions listed. A version is
 * locked once a grader is given a response on it; a new version is used for every response no
 * grader has been given yet, and a response graders hold keeps its version.
 * Saving or cancelling closes the editor and puts focus back on its Edit button.
 */
export function RubricsPage() {
  const { state, reload } = useLoad((signal) => listRubrics(signal), []);
  const [editing, setEditing] = useState<Variant | null>(null);
  const returnTo = useRef<Variant | null>(null);
  const [done, setDone] = useState<{ variant: Variant; message: string } | null>(null);
  const canEdit = useCanEditProgrammeContent();

  useEffect(() => {
    if (!returnTo.current) return;
    const button = document.getElementById(`edit-rubric-${returnTo.current}`);
    if (button) {
      button.focus();
      returnTo.current = null;
    }
  });

  function close(variant: Variant, message: string | null) {
    returnTo.current = variant;
    setEditing(null);
    if (message) {
      setDone({ variant, message });
      reload();
    }
  }

  return (
    <Page title="Rubrics">
      {!canEdit && <ProgrammeContentNote what="Rubrics" />}
      {state.status === 'loading' && <p role="status">Loading rubrics…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' &&
        variants.map((variant) => {
          const versions = state.data.filter((r) => r.variant === variant);
          const current = versions.find((r) => r.current);
          const headingId = `rubric-${variant}`;
          return (
            <section key={variant} aria-labelledby={headingId} className="rubric-section">
              <h2 id={headingId}>{variantLabels[variant]}</h2>
              {!current ? (
                <p>No rubric yet: responses of this variant wait until one exists.</p>
              ) : canEdit && editing === variant ? (
                <RubricEditor
                  rubric={current}
                  onDone={(message) => close(variant, message)}
                  onCancel={() => close(variant, null)}
                />
              ) : (
                <>
                  <RubricView rubric={current} />
                  {canEdit && (
                    <button
                      type="button"
                      id={`edit-rubric-${variant}`}
                      className="secondary"
                      onClick={() => {
                        setDone(null);
                        setEditing(variant);
                      }}
                    >
                      Edit the {variantLabels[variant]} rubric
                    </button>
                  )}
                </>
              )}
              <StatusMessage message={done?.variant === variant ? done.message : null} />
              {versions.length > 1 && (
                <>
                  <h3>Earlier versions</h3>
                  <ul>
                    {versions
                      .filter((r) => !r.current)
                      .map((r) => (
                        <li key={r.id}>
                          Version {r.version}: {r.title}
                          {r.scoringStartedAt ? ' (used in scoring)' : ' (never used)'}
                        </li>
                      ))}
                  </ul>
                </>
              )}
            </section>
          );
        })}
    </Page>
  );
}

function RubricView({ rubric }: { rubric: Rubric }) {
  return (
    <>
      <p>
        <strong>{rubric.title}</strong>, version {rubric.version}.{' '}
        {rubric.scoringStartedAt
          ? 'Locked: graders hold responses on this version.'
          : 'No grader holds a response on it yet: it can still change.'}{' '}
        Suggested passing rule: every criterion at {rubric.passingRule.minLevelPerCriterion} or
        above, total at least {rubric.passingRule.minTotalPerResponse}.
      </p>
      {rubric.criteria.map((criterion) => (
        <div key={criterion.id} className="rubric-criterion">
          <h3>
            {criterion.title} <span className="hint">({domainLabel(criterion.domain)})</span>
          </h3>
          <dl className="rubric-levels">
            {criterion.levels.map((level) => (
              <div key={level.score}>
                <dt>
                  {level.score} {level.label}
                </dt>
                <dd>{level.descriptor}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </>
  );
}
