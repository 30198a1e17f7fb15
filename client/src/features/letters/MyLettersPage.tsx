import { useLoad } from '../../lib/use-load';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { getMyLetters, letterDownloadPath } from './letters.api';

/** A candidate's released results, each downloadable as a letter they can show to others. */
export function MyLettersPage() {
  const { state } = useLoad((signal) => getMyLetters(signal), []);
  return (
    <Page title="Your results letters">
      <LoadState state={state} what="your letters" />
      {state.status === 'loaded' &&
        (state.data.length === 0 ? (
          <p>There is no released result to write a letter for yet.</p>
        ) : (
          <>
            <p>
              Each letter is a PDF on your association&apos;s letterhead. Whoever you show it to can
              check it with the identifier and address printed at its foot.
            </p>
            <ul className="plain-list">
              {state.data.map((entry) => (
                <li key={entry.sittingId}>
                  <a href={letterDownloadPath(entry)} download>
                    Download the letter for {entry.sittingName} (PDF)
                  </a>{' '}
                  <span className="hint">{entry.passed ? 'passed' : 'not passed'}</span>
                </li>
              ))}
            </ul>
          </>
        ))}
    </Page>
  );
}
