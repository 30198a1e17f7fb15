import { Link } from 'react-router-dom';
import { FormError } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { useLoad } from '../../lib/use-load';
import { studyStatusLabels } from '../../lib/labels';
import { myStudies } from './standard-setting.api';

/** The studies a panelist was invited to. */
export function PanelPage() {
  const { state } = useLoad((signal: AbortSignal) => myStudies(signal), []);
  return (
    <Page title="Your standard-setting studies">
      {state.status === 'loading' && <p role="status">Loading your studies…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' &&
        (state.data.studies.length === 0 ? (
          <p>You have not been invited to a study yet.</p>
        ) : (
          <ul>
            {state.data.studies.map((s) => (
              <li key={s.id}>
                <Link to={`/panel/${s.id}`}>{s.name}</Link> ({studyStatusLabels[s.status]})
              </li>
            ))}
          </ul>
        ))}
    </Page>
  );
}
