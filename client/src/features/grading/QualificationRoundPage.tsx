import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { QualificationLevel, QualificationRoundView } from '@exam/shared/api';
import { variantLabels } from '../../lib/labels';
import { useLoad, useSaver } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { useFocusIfLost } from '../../ui/use-focus-if-lost';
import { finishRound, getRound, saveRoundLevels } from './calibration.api';

type Levels = Record<number, QualificationLevel[]>;
type Criterion = QualificationRoundView['rubric']['criteria'][number];

const levelOf = (levels: QualificationLevel[] | undefined, criterionId: string) =>
  levels?.find((l) => l.criterionId === criterionId)?.level ?? null;

/**
 * One qualification set: each benchmark response with the rubric's levels, saved as the grader
 * picks them (so a set can be left and resumed); once finished, the agreement and, for every
 * level that differed, the agreed level and its rationale.
 */
export function QualificationRoundPage() {
  const { id = '' } = useParams();
  const { state, set } = useLoad((signal) => getRound(id, signal), [id]);
  return (
    <Page title="Qualification set">
      <p>
        <Link to="/qualification">Back to your qualifications</Link>
      </p>
      {state.status === 'loading' && <p role="status">Loading the set…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' &&
        (state.data.result ? (
          <RoundResult view={state.data} />
        ) : (
          <RoundForm view={state.data} onFinished={set} />
        ))}
    </Page>
  );
}

function RoundForm({
  view,
  onFinished,
}: {
  view: QualificationRoundView;
  onFinished(view: QualificationRoundView): void;
}) {
  const save = useSaver();
  const [levels, setLevels] = useState<Levels>(() =>
    Object.fromEntries(view.responses.map((r) => [r.position, r.levels])),
  );
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // Finishing waits for every level in flight: the server scores what it has stored.
  const [pending, setPending] = useState(0);
  const { criteria } = view.rubric;
  const missing = view.responses.reduce(
    (n, r) => n + criteria.filter((c) => levelOf(levels[r.position], c.id) === null).length,
    0,
  );

  // Saves go one at a time, each sending the response's levels as they are when it leaves, so
  // two quick choices can never be stored in the wrong order (the older overwriting the newer).
  const latest = useRef(levels);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  async function send(position: number): Promise<void> {
    const saved = await save(() => saveRoundLevels(view.id, position, latest.current[position]!));
    if (saved.ok) setStatus(`Saved response ${position}.`);
    else setError(saved.message);
  }

  function choose(position: number, criterionId: string, level: number) {
    const next = criteria.map((c) => ({
      criterionId: c.id,
      level: c.id === criterionId ? level : levelOf(latest.current[position], c.id),
    }));
    latest.current = { ...latest.current, [position]: next };
    setLevels(latest.current);
    setError(null);
    setPending((n) => n + 1);
    const run = queue.current.then(() => send(position));
    queue.current = run.finally(() => setPending((n) => n - 1));
  }

  async function finish() {
    setError(null);
    const done = await save(() => finishRound(view.id));
    if (done.ok) onFinished(done.value);
    else setError(done.message);
  }

  return (
    <>
      <p className="lead">
        {variantLabels[view.variant]} set {view.round}, rubric “{view.rubric.title}” version{' '}
        {view.rubric.version}: {view.responses.length} responses. Each level is saved as you choose
        it.
      </p>
      {view.responses.map((response) => (
        <section
          key={response.position}
          aria-labelledby={`set-response-${response.position}`}
          className="qualification-response"
        >
          <h2 id={`set-response-${response.position}`}>
            Response {response.position} ({response.words} words)
          </h2>
          <details>
            <summary>The case: {response.vignette.title}</summary>
            {response.vignette.caseText.map((p, i) => (
              <p key={i}>{p}</p>
            ))}
            <ol>
              {response.vignette.prompts.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ol>
          </details>
          <div
            className="response-text"
            // Rendered on the server from the validated essay document, through an allowlist.
            dangerouslySetInnerHTML={{ __html: response.responseHtml }}
          />
          {criteria.map((criterion) => (
            <LevelChoice
              key={criterion.id}
              name={`r${response.position}-${criterion.id}`}
              legend={`Response ${response.position}: ${criterion.title}`}
              criterion={criterion}
              value={levelOf(levels[response.position], criterion.id)}
              onChange={(level) => choose(response.position, criterion.id, level)}
            />
          ))}
        </section>
      ))}
      <FormError message={error} />
      <StatusMessage message={status} />
      <p>{missing === 0 ? 'Every level is chosen.' : `${missing} levels still to choose.`}</p>
      <button type="button" disabled={missing > 0 || pending > 0} onClick={() => void finish()}>
        Finish the set
      </button>
    </>
  );
}

function LevelChoice(props: {
  name: string;
  legend: string;
  criterion: Criterion;
  value: number | null;
  onChange(level: number): void;
}) {
  return (
    <fieldset className="criterion">
      <legend>{props.legend}</legend>
      <div className="levels">
        {props.criterion.levels.map((level) => (
          <div key={level.score} className="level">
            <input
              type="radio"
              id={`${props.name}-${level.score}`}
              name={props.name}
              checked={props.value === level.score}
              onChange={() => props.onChange(level.score)}
            />
            <label htmlFor={`${props.name}-${level.score}`}>
              {level.score} {level.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function RoundResult({ view }: { view: QualificationRoundView }) {
  const result = view.result!;
  // Finishing replaces the form, Finish button and all: the result takes the focus it leaves.
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(heading);
  return (
    <section aria-labelledby="result-heading">
      <h2 id="result-heading" ref={heading} tabIndex={-1}>
        {result.qualified ? 'You qualified' : 'Not qualified this time'}
      </h2>
      <p>
        {variantLabels[view.variant]} set {view.round}: {result.exactPercent}% exact and{' '}
        {result.adjacentPercent}% adjacent agreement with the agreed scores.
      </p>
      {result.qualified ? (
        <p>
          Live {variantLabels[view.variant]} responses are now routed to you.{' '}
          <Link to="/grading">Go to your grading queue</Link>
        </p>
      ) : (
        <p>
          <Link to="/qualification">See what comes next</Link>
        </p>
      )}
      {result.differences.length === 0 ? (
        <p>Every level you chose is the agreed one.</p>
      ) : (
        <table className="data-table">
          <caption>Where your levels differed from the agreed ones</caption>
          <thead>
            <tr>
              <th scope="col">Response</th>
              <th scope="col">Criterion</th>
              <th scope="col">Yours</th>
              <th scope="col">Agreed</th>
              <th scope="col">Why the agreed level</th>
            </tr>
          </thead>
          <tbody>
            {result.differences.map((d) => (
              <tr key={`${d.position}-${d.criterionId}`}>
                <td>{d.position}</td>
                <th scope="row">{d.criterionTitle}</th>
                <td>{d.yours}</td>
                <td>{d.agreed}</td>
                <td>{d.rationale}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
