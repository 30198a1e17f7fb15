import { lazy, Suspense, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { hasAnyRole, type AnalysisScope, type ItemAnalysisResponse } from '@exam/shared/api';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { useSession } from '../auth';
import { useLoad } from '../../lib/use-load';
import { analysisPath, getItemAnalysis, listAnalysisScopes } from './analysis.api';
import { figure, percent } from '../../lib/format';
import { domainLabel } from '../../lib/labels';
import { ItemsTable } from './ItemsTable';
import { useFormatDate } from '../../lib/dates';

// Recharts is only downloaded by this page (and the results page), never by candidates'.
const AnalysisCharts = lazy(() => import('./AnalysisCharts'));

const scopeKey = (scope: Pick<AnalysisScope, 'formId' | 'sittingId'>) =>
  `${scope.formId}/${scope.sittingId ?? 'pooled'}`;

/** Item analysis for coordinators and psychometricians: pick a form and a sitting (or pooled). */
export function AnalysisPage() {
  const id = useId();
  const { state } = useLoad((signal: AbortSignal) => listAnalysisScopes(signal), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const scopes = state.status === 'loaded' ? state.data : [];
  const scope = scopes.find((s) => scopeKey(s) === chosen) ?? scopes[0];
  return (
    <Page title="Item analysis">
      {state.status === 'loading' && <p role="status">Loading forms…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' && scopes.length === 0 && (
        <p>No Part One has been sat yet: there is nothing to analyse.</p>
      )}
      {scope && (
        <>
          <p>
            <label htmlFor={`${id}-scope`}>Form and sitting</label>{' '}
            <select
              id={`${id}-scope`}
              value={scopeKey(scope)}
              onChange={(event) => setChosen(event.target.value)}
            >
              {scopes.map((s) => (
                <option key={scopeKey(s)} value={scopeKey(s)}>
                  {s.formName} ({s.endorsement}), {s.sittingName}: {s.closedAttempts} candidate(s)
                </option>
              ))}
            </select>
          </p>
          <ScopeAnalysis key={scopeKey(scope)} scope={scope} />
        </>
      )}
    </Page>
  );
}

function ScopeAnalysis({ scope }: { scope: AnalysisScope }) {
  const { state: session } = useSession();
  const when = useFormatDate();
  const bankLinks =
    session.status === 'signed-in' && hasAnyRole(session.session.user.roles, ['coordinator']);
  const { state } = useLoad((signal: AbortSignal) => getItemAnalysis(scope, signal), [scope]);
  if (state.status === 'loading') return <p role="status">Computing the analysis…</p>;
  if (state.status === 'failed') return <FormError message={state.message} />;
  const analysis = state.data;
  const flagged = analysis.items.filter((item) => item.flags.length > 0);
  return (
    <>
      <p className="hint">
        Computed from the stored answers at {when(analysis.computedAt)}.{' '}
        {analysis.automatic && (
          <>
            Computed automatically after Part One closed at {when(analysis.automatic.computedAt)} (
            {analysis.automatic.flaggedItems} items flagged then).{' '}
          </>
        )}
        <a href={analysisPath(scope, '/analysis.csv')} download>
          Download CSV
        </a>{' '}
        ·{' '}
        <a href={analysisPath(scope, '/analysis.xlsx')} download>
          Download XLSX
        </a>
      </p>
      <TestSummary analysis={analysis} />
      <section aria-labelledby="flags-heading">
        <h2 id="flags-heading">Flags ({flagged.length} question(s))</h2>
        {flagged.length === 0 ? (
          <p>No question is flagged.</p>
        ) : (
          <ul className="analysis-flag-list">
            {flagged.map((item) => (
              <li key={item.position}>
                {bankLinks ? (
                  <Link to={`/coordinator/bank/items/${item.itemId}`}>
                    Question {item.position}: open it in the bank
                  </Link>
                ) : (
                  `Question ${item.position}`
                )}
                <ul className="plain-list">
                  {item.flags.map((flag) => (
                    <li key={`${flag.code}-${flag.option ?? ''}`}>{flag.reason}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
        <details>
          <summary>The rules</summary>
          <ul className="plain-list">
            {analysis.rules.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </details>
      </section>
      <section aria-labelledby="items-heading">
        <h2 id="items-heading">Questions</h2>
        <p className="hint">
          Upper and lower groups: the {analysis.groupSize} highest and lowest scorers (27%). Time on
          each question is not recorded by the exam driver, so it is not shown.
        </p>
        <ItemsTable items={analysis.items} bankLinks={bankLinks} />
      </section>
      <section aria-labelledby="charts-heading">
        <h2 id="charts-heading">Charts</h2>
        <Suspense fallback={<p role="status">Loading charts…</p>}>
          <AnalysisCharts analysis={analysis} />
        </Suspense>
      </section>
    </>
  );
}

function TestSummary({ analysis }: { analysis: ItemAnalysisResponse }) {
  const { test } = analysis;
  const rows: [string, string][] = [
    ['Candidates', String(test.candidates)],
    ['Questions', String(test.items)],
    ['Mean score', figure(test.mean)],
    ['Standard deviation (n − 1)', figure(test.sd)],
    ['Lowest and highest', `${test.min} and ${test.max}`],
    ['KR-20 (alpha)', figure(test.alpha, 3)],
    ['Standard error of measurement', figure(test.sem)],
    ['Pass mark', String(test.cutScore)],
    ['Pass rate', percent(test.passRate)],
  ];
  return (
    <section aria-labelledby="test-heading">
      <h2 id="test-heading">
        {analysis.scope.formName} ({analysis.scope.endorsement}), {analysis.scope.sittingName}
      </h2>
      <table className="data-table chart-table">
        <caption>The whole form</caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data-table">
        <caption>Competency domains: subscores and their reliability</caption>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Questions</th>
            <th scope="col">Mean</th>
            <th scope="col">SD</th>
            <th scope="col">Alpha</th>
            <th scope="col">SEM</th>
          </tr>
        </thead>
        <tbody>
          {analysis.domains.map((d) => (
            <tr key={d.domain}>
              <th scope="row">{domainLabel(d.domain)}</th>
              <td>{d.items}</td>
              <td>{figure(d.mean)}</td>
              <td>{figure(d.sd)}</td>
              <td>{figure(d.alpha, 3)}</td>
              <td>{figure(d.sem)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
