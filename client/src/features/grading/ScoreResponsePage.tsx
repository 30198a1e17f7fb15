import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { GradingResponseView } from '@exam/shared/api';
import { gradingRoleLabels, variantLabels } from '../../lib/labels';
import { useLoad } from '../../lib/use-load';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { AnnotationsPanel } from './AnnotationsPanel';
import { getResponse } from './grading.api';
import { ScoreSheetForm } from './ScoreSheetForm';

/**
 * One response with its case and its rubric, in three panes that scroll on their own on a wide
 * screen: the response first (it is what is being scored), the case below it and collapsible
 * (a grader who knows the vignette folds it away), the rubric beside both. On a narrow screen, or
 * at 200% zoom, the panes stack in that order and the page scrolls as one.
 */
export function ScoreResponsePage() {
  const { code = '' } = useParams();
  const { state, set: replace, reload } = useLoad((signal) => getResponse(code, signal), [code]);
  const responseRef = useRef<HTMLDivElement>(null);
  // Set when the grader reloads after a refusal: the new sheet takes focus from the gone button.
  const [reloaded, setReloaded] = useState(false);

  return (
    <Page title={`Response ${code}`}>
      <p>
        <Link to="/grading">Back to your queue</Link>
      </p>
      {state.status === 'loading' && <p role="status">Loading the response…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' && (
        <>
          <p className="lead">
            {variantLabels[state.data.variant]} vignette,{' '}
            {gradingRoleLabels[state.data.role].toLowerCase()}.
          </p>
          <div className="scoring-layout">
            <section
              aria-labelledby="response-heading"
              className="scoring-pane scoring-response"
              // A pane that scrolls by itself must take focus, so keys can scroll it.
              tabIndex={0}
            >
              <h2 id="response-heading">The response ({state.data.words} words)</h2>
              <div
                ref={responseRef}
                className="response-text"
                // Rendered on the server from the validated essay document, through an allowlist.
                dangerouslySetInnerHTML={{ __html: state.data.responseHtml }}
              />
              <AnnotationsPanel
                code={code}
                responseRef={responseRef}
                readOnly={state.data.sheet.status === 'submitted'}
              />
            </section>
            <CasePane vignette={state.data.vignette} />
            <div className="scoring-pane scoring-rubric">
              <ScoreSheetForm
                // A response loaded again on another rubric version is a new sheet, not an edit.
                key={state.data.rubric.version}
                view={state.data}
                onSaved={(sheet) => replace({ ...state.data, sheet })}
                onReload={() => {
                  setReloaded(true);
                  reload();
                }}
                focusHeading={reloaded}
              />
            </div>
          </div>
        </>
      )}
    </Page>
  );
}

/** The vignette's case and prompts behind a disclosure button (open at first). */
function CasePane({ vignette }: { vignette: GradingResponseView['vignette'] }) {
  const [open, setOpen] = useState(true);
  return (
    <section
      aria-labelledby="case-heading"
      className={open ? 'scoring-pane scoring-case' : 'scoring-pane scoring-case collapsed'}
      tabIndex={open ? 0 : undefined}
    >
      <h2 id="case-heading" className="pane-heading">
        <button
          type="button"
          className="disclosure"
          aria-expanded={open}
          aria-controls="case-body"
          onClick={() => setOpen(!open)}
        >
          The case and its prompts
        </button>
      </h2>
      <div id="case-body" hidden={!open}>
        <h3 id="vignette-heading">{vignette.title}</h3>
        {vignette.caseText.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
        <h3>Prompts</h3>
        <ol>
          {vignette.prompts.map((prompt, index) => (
            <li key={index}>{prompt}</li>
          ))}
        </ol>
      </div>
    </section>
  );
}
