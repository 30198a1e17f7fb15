import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { VignetteSetSummary } from '@exam/shared/api';
import { variantLabels } from '../../lib/labels';
import { useLoad, useSaver } from '../../lib/use-load';
import { ProgrammeContentNote, useCanEditProgrammeContent } from '../auth';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { LoadState } from '../../ui/fields';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { listVignetteSets, setVignetteSetStatus } from './vignettes.api';

/** Part Two vignette sets: who they are for, whether candidates have seen them, and actions. */
export function VignetteSetsPage() {
  const { state, reload } = useLoad((signal) => listVignetteSets(signal), []);
  const save = useSaver();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const canEdit = useCanEditProgrammeContent();

  async function act(set: VignetteSetSummary, action: 'retire' | 'restore') {
    const result = await save(() => setVignetteSetStatus(set.id, action));
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    setDone(action === 'retire' ? `Retired "${set.title}".` : `Restored "${set.title}".`);
    reload();
  }

  return (
    <Page title="Vignette sets">
      <ConsoleNav />
      {canEdit ? (
        <p>
          <Link to="/coordinator/vignettes/new" className="button-link">
            New vignette set
          </Link>
        </p>
      ) : (
        <ProgrammeContentNote what="Vignette sets" />
      )}
      <FormError message={error} />
      <StatusMessage message={done} />
      <LoadState state={state} what="vignette sets" />
      {state.status === 'loaded' && (
        <table className="data-table">
          <caption className="visually-hidden">Vignette sets</caption>
          <thead>
            <tr>
              <th scope="col">Set</th>
              <th scope="col">Variant</th>
              <th scope="col">For</th>
              <th scope="col">Vignettes</th>
              <th scope="col">Status</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {state.data.map((set) => (
              <tr key={set.id}>
                <th scope="row">
                  <Link to={`/coordinator/vignettes/${set.id}`}>{set.title}</Link>
                </th>
                <td>{variantLabels[set.variant]}</td>
                <td>
                  {set.audience === 'mentor' ? 'Mentors' : 'Specialists'},{' '}
                  {set.endorsement ?? 'both endorsements'}
                </td>
                <td>
                  answer {set.requiredCount} of {set.vignetteCount}
                </td>
                <td>
                  {set.status === 'retired' ? 'Retired' : 'Active'}
                  {set.locked && ', shown to candidates'}
                </td>
                {canEdit && (
                  <td className="row-actions">
                    {set.status === 'active' ? (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => void act(set, 'retire')}
                      >
                        Retire<span className="visually-hidden"> {set.title}</span>
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => void act(set, 'restore')}
                      >
                        Restore<span className="visually-hidden"> {set.title}</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
