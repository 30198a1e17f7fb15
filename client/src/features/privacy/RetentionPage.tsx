import { useState } from 'react';
import { useLoad } from '../../lib/use-load';
import { CheckboxField, LoadState } from '../../ui/fields';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { confirmRetention, getRetention } from './privacy.api';

/**
 * The retention purge's dry run: the sittings whose responses the association's retention
 * period has reached, with what a purge would remove. Confirmed sittings are purged by the
 * scheduled job; results, scores and the audit log are kept.
 */
export function RetentionPage() {
  const { state, reload } = useLoad((signal) => getRetention(signal), []);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function confirm() {
    setError(null);
    try {
      const n = await confirmRetention([...chosen]);
      setStatus(`Purge confirmed for ${n} sitting(s); it runs with the next scheduled job.`);
      setChosen(new Set());
      reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <Page title="Retention of responses">
      <p>
        Written responses, drafts and answer histories are removed once results were released longer
        ago than your association&apos;s retention period. Results, scores and the audit log stay.
        Nothing is removed until you confirm it here.
      </p>
      <LoadState state={state} what="the dry run" />
      {state.status === 'loaded' &&
        (state.data.length === 0 ? (
          <p>No sitting has reached its retention period.</p>
        ) : (
          <>
            <table>
              <caption>What a purge would remove, per sitting (dry run)</caption>
              <thead>
                <tr>
                  <th scope="col">Sitting</th>
                  <th scope="col">Association</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Responses</th>
                  <th scope="col">Snapshots</th>
                  <th scope="col">Draft changes</th>
                  <th scope="col">Answer changes</th>
                  <th scope="col">Purge</th>
                </tr>
              </thead>
              <tbody>
                {state.data.map((s) => (
                  <tr key={s.sittingId}>
                    <th scope="row">{s.sittingName}</th>
                    <td>
                      {s.associationName} ({s.retentionYears} years)
                    </td>
                    <td>{s.attempts}</td>
                    <td>{s.responses}</td>
                    <td>{s.responseSnapshots}</td>
                    <td>{s.draftPatches}</td>
                    <td>{s.answerSaves}</td>
                    <td>
                      {s.confirmedAt ? (
                        'Confirmed'
                      ) : (
                        <CheckboxField
                          label={`Purge ${s.sittingName}`}
                          checked={chosen.has(s.sittingId)}
                          onChange={(on) => {
                            const next = new Set(chosen);
                            if (on) next.add(s.sittingId);
                            else next.delete(s.sittingId);
                            setChosen(next);
                          }}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="actions">
              <button type="button" disabled={chosen.size === 0} onClick={() => void confirm()}>
                Confirm the purge of {chosen.size} sitting(s)
              </button>
            </p>
          </>
        ))}
      <FormError message={error} />
      <StatusMessage message={status} />
    </Page>
  );
}
