import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { ResponseHistory, ResponseSnapshotView } from '@exam/shared/api';
import { useLoad } from '../../lib/use-load';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { LoadState } from '../../ui/fields';
import { StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { attemptResponsesPath } from './AttemptResponsesPage';
import { savedAtText, snapshotReasonText, wordsText } from './response-labels';
import { getAttemptResponses, getResponseHistory } from './responses.api';
import { RestoreResponseDialog } from './RestoreResponseDialog';

/** Which version the page shows: the current one, or a kept snapshot by id. */
type Shown = 'current' | number;

/**
 * How one Part Two response grew: every kept version, the text of the one chosen, and restoring
 * an earlier version after an incident.
 */
export function ResponseHistoryPage() {
  const { attemptId = '', vignette: vignetteParam = '' } = useParams();
  const vignette = Number(vignetteParam);
  const overview = useLoad((signal) => getAttemptResponses(attemptId, signal), [attemptId]);
  const history = useLoad(
    (signal) => getResponseHistory(attemptId, vignette, signal),
    [attemptId, vignette],
  );
  const [shown, setShown] = useState<Shown>('current');
  const [restoring, setRestoring] = useState<ResponseSnapshotView | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);

  const about = overview.state.status === 'loaded' ? overview.state.data : null;
  const title = about ? `Vignette ${vignette} history: ${about.candidateName}` : 'Response history';
  const vignetteTitle = about?.responses.find((r) => r.vignette === vignette)?.title;

  function restored(next: ResponseHistory) {
    history.set(next);
    setShown('current');
  }

  return (
    <Page title={title}>
      <ConsoleNav />
      {about && (
        <p>
          <Link to={attemptResponsesPath(about.sittingId, attemptId)}>
            Back to {about.candidateName}&rsquo;s responses
          </Link>
        </p>
      )}
      <LoadState state={overview.state} what="the candidate" />
      <LoadState state={history.state} what="the history" />
      {vignetteTitle && <p className="lead">{vignetteTitle}</p>}
      <StatusMessage message={announcement} />
      {history.state.status === 'loaded' && (
        <HistoryBody
          history={history.state.data}
          timeZone={about?.timeZone}
          shown={shown}
          onShow={setShown}
          onRestore={(snapshot) => {
            setAnnouncement(null);
            setRestoring(snapshot);
          }}
        />
      )}
      {restoring && (
        <RestoreResponseDialog
          attemptId={attemptId}
          vignette={vignette}
          candidateName={about?.candidateName ?? 'The candidate'}
          snapshot={restoring}
          timeZone={about?.timeZone}
          onRestored={restored}
          onDone={(message) => {
            setRestoring(null);
            if (message) setAnnouncement(message);
          }}
        />
      )}
    </Page>
  );
}

function HistoryBody(props: {
  history: ResponseHistory;
  /** The sitting's time zone, once the overview has loaded. */
  timeZone: string | undefined;
  shown: Shown;
  onShow(shown: Shown): void;
  onRestore(snapshot: ResponseSnapshotView): void;
}) {
  const { current, snapshots } = props.history;
  if (!current && snapshots.length === 0) return <p>Nothing is saved for this vignette yet.</p>;
  const snapshot = snapshots.find((s) => s.id === props.shown);
  // With no current text (never the case once anything is saved), show the newest snapshot.
  const showing = snapshot ?? (current ? null : snapshots[snapshots.length - 1]);

  return (
    <>
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <p>
          A version is kept at least once a minute while the candidate writes, when Part Two is
          submitted, and at every restore.
          {current && ` Now: revision ${current.revision}, ${wordsText(current.words)}.`}
        </p>
        {current && (
          <p>
            <button
              type="button"
              className="secondary"
              aria-pressed={showing === null}
              onClick={() => props.onShow('current')}
            >
              Show the current version
            </button>
          </p>
        )}
        <table className="data-table">
          <caption>Kept versions, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Saved</th>
              <th scope="col">Revision</th>
              <th scope="col">Words</th>
              <th scope="col">Why it was kept</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {snapshots.map((s) => (
              <tr key={s.id}>
                <th scope="row">{savedAtText(s.at, props.timeZone)}</th>
                <td>
                  {s.revision}
                  {s.revision === current?.revision && ' (current)'}
                </td>
                <td>{s.words}</td>
                <td>{snapshotReasonText(s.reason)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="secondary"
                    aria-pressed={showing?.id === s.id}
                    onClick={() => props.onShow(s.id)}
                  >
                    Show<span className="visually-hidden"> revision {s.revision}</span>
                  </button>
                  {s.revision !== current?.revision && (
                    <button type="button" onClick={() => props.onRestore(s)}>
                      Restore…<span className="visually-hidden"> revision {s.revision}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div>
        <h2 id="shown-heading">
          {showing
            ? `Revision ${showing.revision}, saved ${savedAtText(showing.at, props.timeZone)} (${wordsText(showing.words)})`
            : `Current version: revision ${current?.revision} (${wordsText(current?.words ?? 0)})`}
        </h2>
        <div
          className="response-text"
          role="region"
          aria-labelledby="shown-heading"
          tabIndex={0}
          // The server renders this HTML from the stored essay document, validated against the
          // shared essay schema and escaped through an allowlist (response-history.ts); the
          // candidate's raw input never reaches the page.
          dangerouslySetInnerHTML={{ __html: showing ? showing.html : (current?.html ?? '') }}
        />
      </div>
    </>
  );
}
