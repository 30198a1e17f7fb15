import { Link, useParams } from 'react-router-dom';
import { useLoad } from '../../lib/use-load';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { previewForm } from './bank.api';
import { layoutSummary, optionLetters as letters } from './ItemOptionFields';

/**
 * A form as a candidate reads it: numbered questions and lettered options, without the key or
 * the blueprint (the server's preview payload carries neither). Options are listed as written;
 * each question says how its version orders them for candidates (shuffled or not, and which
 * keep their place), the same words as the item's own page.
 */
export function FormPreviewPage() {
  const { id = '' } = useParams();
  const { state } = useLoad((signal) => previewForm(id, signal), [id]);
  const title = state.status === 'loaded' ? `Preview: ${state.data.form.name}` : 'Form preview';
  return (
    <Page title={title}>
      <ConsoleNav />
      <p>
        <Link to="/coordinator/forms">All forms</Link>
      </p>
      <LoadState state={state} what="the form" />
      {state.status === 'loaded' && (
        <>
          <p className="lead">
            {state.data.form.endorsement} form, {state.data.form.itemCount} questions. Options are
            listed as written; each question says how they are ordered for candidates.
          </p>
          <ol className="form-preview">
            {state.data.questions.map((q) => (
              <li key={q.position} className="question">
                <h2>
                  Question {q.position} of {state.data.questions.length}
                </h2>
                <p className="question-stem">{q.stem}</p>
                <ul className="preview-options">
                  {q.options.map((option, index) => (
                    <li key={index} className="option">
                      <span className="option-letter">{letters[index]}.</span> {option}
                      {q.shuffle && q.fixedOptions.includes(index) && ' (kept in place)'}
                    </li>
                  ))}
                </ul>
                <p className="hint preview-layout">{layoutSummary(q)}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </Page>
  );
}
