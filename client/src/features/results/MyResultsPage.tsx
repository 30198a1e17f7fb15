import { Link } from 'react-router-dom';
import type { LateChangeOutcome, ReleasedResult } from '@exam/shared/api';
import { domainLabel } from '../../lib/labels';
import { useLoad } from '../../lib/use-load';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { MyAppeals } from './MyAppeals';
import { getMyResults } from './results.api';
import { useFormatDate } from '../../lib/dates';

/** A candidate's results: "pending" until released, then the full result with feedback. */
export function MyResultsPage() {
  const { state } = useLoad((signal) => getMyResults(signal), []);
  return (
    <Page title="Your results">
      {state.status === 'loading' && <p role="status">Loading your results…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' && state.data.results.length === 0 && (
        <p>You have no exam results yet.</p>
      )}
      {state.status === 'loaded' &&
        state.data.results.map((result, index) =>
          result.status === 'pending' ? (
            <section key={index} aria-labelledby={`result-${index}`}>
              <h2 id={`result-${index}`}>{result.sittingName}</h2>
              <p className="notice">
                Results pending. Your results will appear here once the coordinator releases them.
              </p>
              <LateChanges changes={result.lateChanges} />
            </section>
          ) : (
            <ReleasedResultView key={index} result={result} headingId={`result-${index}`} />
          ),
        )}
      <MyAppeals />
    </Page>
  );
}

const outcomeText: Record<LateChangeOutcome['status'], string> = {
  held: 'held: not decided yet, so your result is provisional',
  accepted: 'accepted: it counts as if it had been saved in time',
  declined: 'declined: it does not count',
};

/** What became of each change that reached the server after time ran out. */
function LateChanges({ changes }: { changes: readonly LateChangeOutcome[] }) {
  if (changes.length === 0) return null;
  return (
    <div className="late-change-outcomes">
      <h3>Changes that reached us after time ran out</h3>
      <ul>
        {changes.map((change) => (
          <li key={`${change.kind}-${change.position}-${change.status}-${change.reason ?? ''}`}>
            {change.kind === 'answer'
              ? `Part One, question ${change.position}`
              : change.kind === 'choice'
                ? 'Part Two, your choice of vignettes'
                : `Part Two, vignette ${change.position}`}
            : {outcomeText[change.status]}
            {change.reason ? ` (${change.reason})` : ''}.
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A part not sat in this sitting: its earlier pass stands, and the result says from where. */
function CarriedNote({ result, part }: { result: ReleasedResult; part: 1 | 2 }) {
  const when = useFormatDate();
  const carried = result.carried?.find((c) => c.part === part);
  if (!carried) return null;
  return (
    <p className="notice" data-testid={`carried-part-${part}`}>
      Not sat in this sitting: your pass in {carried.sittingName} (released{' '}
      {when(carried.releasedAt, 'date')}) stands.
    </p>
  );
}

function ReleasedResultView({
  result,
  headingId,
}: {
  result: ReleasedResult & { lateChanges?: LateChangeOutcome[] };
  headingId: string;
}) {
  const when = useFormatDate();
  return (
    <section aria-labelledby={headingId} className="released-result">
      <h2 id={headingId}>{result.sittingName}</h2>
      <p className={result.passed ? 'outcome outcome-passed' : 'outcome outcome-failed'}>
        {result.passed ? 'You passed the exam.' : 'You did not pass the exam this time.'}
      </p>
      <p className="hint">Passing needs both parts. Released {when(result.releasedAt, 'date')}.</p>
      {/* One part passed, one not: the passed part may carry, so point to a retake of the other. */}
      {!result.passed && result.partOne.passed !== result.partTwo.passed && (
        <p>
          <Link to="/retakes">Retake the part you did not pass</Link>
        </p>
      )}

      {result.revised && (
        <div className="notice" role="note">
          <p>
            <strong>Revised</strong> on {when(result.revised.at, 'date')}: {result.revised.reason}
          </p>
        </div>
      )}
      <LateChanges changes={result.lateChanges ?? []} />
      <h3>Part One: {result.partOne.passed ? 'passed' : 'not passed'}</h3>
      <CarriedNote result={result} part={1} />
      <p>
        {result.partOne.correct} of {result.partOne.total} correct; the pass mark is{' '}
        {result.partOne.cutScore}.
      </p>
      <table className="data-table">
        <caption>Part One by competency domain</caption>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Correct</th>
            <th scope="col">Below expectation</th>
          </tr>
        </thead>
        <tbody>
          {result.partOne.domains.map((d) => (
            <tr key={d.domain}>
              <th scope="row">{d.label}</th>
              <td>
                {d.correct} of {d.total}
              </td>
              <td>{d.belowExpectation ? 'Yes' : 'No'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Part Two: {result.partTwo.passed ? 'passed' : 'not passed'}</h3>
      <CarriedNote result={result} part={2} />
      <p>
        Each response passes with every criterion at level{' '}
        {result.partTwo.passingRule.minLevelPerCriterion} or above and a total of at least{' '}
        {result.partTwo.passingRule.minTotalPerResponse}.
        {result.partTwo.missing > 0 &&
          ` ${result.partTwo.missing} of the ${result.partTwo.required} required responses had no text to score.`}
      </p>
      {result.partTwo.responses.map((response) => (
        <div key={response.vignetteTitle} className="response-feedback">
          <h4>
            {response.vignetteTitle}: {response.total} of {response.max} (
            {response.passed ? 'passed' : 'not passed'})
          </h4>
          <table className="data-table">
            <caption>Feedback on {response.vignetteTitle}</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Level</th>
                <th scope="col">Readers&apos; comments</th>
              </tr>
            </thead>
            <tbody>
              {response.criteria.map((c) => (
                <tr key={c.title}>
                  <th scope="row">
                    {c.title}
                    <span className="hint"> ({domainLabel(c.domain)})</span>
                  </th>
                  <td>
                    {c.level} ({c.levelLabel})
                  </td>
                  <td>
                    <ul className="plain-list">
                      {c.comments.map((comment, i) => (
                        <li key={i}>{comment}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {response.annotations && response.annotations.length > 0 && (
            <>
              <h4>Passages your readers commented on</h4>
              <ul>
                {response.annotations.map((a, i) => (
                  <li key={i}>
                    <q>{a.quote}</q>: {a.comment}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ))}

      <h3>Where to study next</h3>
      {result.studyPointers.length === 0 ? (
        <p>Every domain met expectation.</p>
      ) : (
        result.studyPointers.map((pointer) => (
          <div key={pointer.domain} className="study-pointer">
            <h4>{pointer.label}</h4>
            <p>{pointer.summary}</p>
            <p>Read about:</p>
            <ul>
              {pointer.readAbout.map((topic) => (
                <li key={topic}>{topic}</li>
              ))}
            </ul>
            <p>Practise:</p>
            <ul>
              {pointer.practise.map((exercise) => (
                <li key={exercise}>{exercise}</li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
