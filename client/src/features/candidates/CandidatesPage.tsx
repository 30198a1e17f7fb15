import { Link } from 'react-router-dom';
import { categoryLabels, trackLabels } from '../../lib/labels';
import { useLoad } from '../../lib/use-load';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { listCandidates } from './candidates.api';

/** Every candidate, their endorsement and the accommodations on their profile. */
export function CandidatesPage() {
  const { state } = useLoad((signal) => listCandidates(signal), []);
  return (
    <Page title="Candidates">
      <ConsoleNav />
      <p>
        Accommodations live on the candidate&apos;s profile and apply to every sitting they take
        while valid.
      </p>
      <LoadState state={state} what="candidates" />
      {state.status === 'loaded' && (
        <table className="data-table">
          <caption className="visually-hidden">Candidates</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email address</th>
              <th scope="col">Endorsement</th>
              <th scope="col">Accommodations</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.displayName}</th>
                <td>{c.email}</td>
                <td>
                  {c.profile
                    ? `${c.profile.endorsement}, ${categoryLabels[c.profile.category]}${
                        c.profile.track ? `, ${trackLabels[c.profile.track]}` : ''
                      }`
                    : 'Not enrolled yet'}
                </td>
                <td>
                  {c.accommodations?.summary
                    ? `${c.accommodations.summary}${c.accommodations.inForce ? '' : ' (expired)'}`
                    : 'None'}
                </td>
                <td>
                  {c.profile && (
                    <Link to={`/coordinator/candidates/${c.id}/accommodations`}>
                      Accommodations<span className="visually-hidden"> for {c.displayName}</span>
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
