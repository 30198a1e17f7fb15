import { Link, useParams } from 'react-router-dom';
import { useLoad } from '../../lib/use-load';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { getSittingLetters, letterDownloadPath } from './letters.api';

/** A released sitting's results letters, one per candidate who sat, for the coordinator to send. */
export function SittingLettersPage() {
  const { id = '' } = useParams();
  const { state } = useLoad((signal) => getSittingLetters(id, signal), [id]);
  return (
    <Page title="Results letters">
      <p>
        <Link to={`/results/${id}`}>Back to the sitting&apos;s results</Link>
      </p>
      <LoadState state={state} what="letters" />
      {state.status === 'loaded' &&
        (state.data.length === 0 ? (
          <p>Letters can be downloaded once the sitting&apos;s results are released.</p>
        ) : (
          <table className="data-table">
            <caption>Letters of released results</caption>
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Result</th>
                <th scope="col">Letter</th>
              </tr>
            </thead>
            <tbody>
              {state.data.map((entry) => (
                <tr key={entry.candidateId}>
                  <th scope="row">{entry.candidateName}</th>
                  <td>{entry.passed ? 'Passed' : 'Not passed'}</td>
                  <td>
                    <a href={letterDownloadPath(entry)} download>
                      Download {entry.candidateName}&apos;s letter (PDF)
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </Page>
  );
}
