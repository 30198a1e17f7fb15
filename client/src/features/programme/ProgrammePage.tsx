import type { ProgrammeView } from '@exam/shared/api';
import { useLoad } from '../../lib/use-load';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { CalendarTable } from './CalendarTable';
import { CandidatesTable, DomainMeansTable, GradingTable, PassRatesTable } from './FiguresTables';
import { getProgrammeOverview, programmeCsvPath, programmeXlsxPath } from './programme.api';

/** A section with its heading and the CSV of its table. */
function Section(props: {
  id: string;
  title: string;
  view?: ProgrammeView;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      {props.children}
      {props.view && (
        <p>
          <a href={programmeCsvPath(props.view)} download>
            Download {props.title.toLowerCase()} (CSV)
          </a>
        </p>
      )}
    </section>
  );
}

/** The programme's figures across associations, for administrators and psychometricians. */
export function ProgrammePage() {
  const { state } = useLoad((signal) => getProgrammeOverview(signal), []);
  return (
    <Page title="Programme overview">
      <LoadState state={state} what="the programme's figures" />
      {state.status === 'loaded' && (
        <>
          <p>
            Across {state.data.associations.length} associations.{' '}
            <a href={programmeXlsxPath} download>
              Download every table (XLSX)
            </a>
          </p>
          <Section id="calendar" title="Sittings calendar" view="calendar">
            <CalendarTable figures={state.data} />
          </Section>
          <Section id="candidates" title="Candidates per cycle" view="candidates-per-cycle">
            <CandidatesTable figures={state.data} />
          </Section>
          <Section id="pass-rates" title="Pass rates" view="pass-rates">
            <PassRatesTable figures={state.data} />
          </Section>
          <Section id="domain-means" title="Part One domain means" view="domain-means">
            <DomainMeansTable figures={state.data} />
          </Section>
          <Section id="grading" title="Grading" view="grading">
            <GradingTable figures={state.data} />
          </Section>
          <Section id="appeals" title="Appeals">
            <p>
              {state.data.appeals.count} appeals. {state.data.appeals.note}
            </p>
            <table aria-label="Appeals per association">
              <thead>
                <tr>
                  <th scope="col">Association</th>
                  <th scope="col">Appeals</th>
                </tr>
              </thead>
              <tbody>
                {state.data.associations.map((association) => (
                  <tr key={association.id}>
                    <th scope="row">{association.name}</th>
                    <td>
                      {state.data.appeals.byAssociation.find(
                        (row) => row.associationId === association.id,
                      )?.count ?? 0}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        </>
      )}
    </Page>
  );
}
