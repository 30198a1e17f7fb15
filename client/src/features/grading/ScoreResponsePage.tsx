import { Link, useParams } from 'react-router-dom';
import { gradingRoleLabels, variantLabels } from '../../lib/labels';
import { useLoad } from '../../lib/use-load';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { getResponse } from './grading.api';
import { ScoreSheetForm } from './ScoreSheetForm';

/** One response beside its rubric. The response text arrives as HTML the server rendered. */
export function ScoreResponsePage() {
  const { code = '' } = useParams();
  const { state, set: replace } = useLoad((signal) => getResponse(code, signal), [code]);

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
            <section aria-labelledby="vignette-heading" className="scoring-response">
              <h2 id="vignette-heading">{state.data.vignette.title}</h2>
              {state.data.vignette.caseText.map((paragraph, index) => (
                <p key={index}>{paragraph}</p>
              ))}
              <h3>Prompts</h3>
              <ol>
                {state.data.vignette.prompts.map((prompt, index) => (
                  <li key={index}>{prompt}</li>
                ))}
              </ol>
              <h3 id="response-heading">The response ({state.data.words} words)</h3>
              <div
                className="response-text"
                role="region"
                aria-labelledby="response-heading"
                tabIndex={0}
                // Rendered on the server from the validated essay document, through an allowlist.
                dangerouslySetInnerHTML={{ __html: state.data.responseHtml }}
              />
            </section>
            <ScoreSheetForm
              view={state.data}
              onSaved={(sheet) => replace({ ...state.data, sheet })}
            />
          </div>
        </>
      )}
    </Page>
  );
}
