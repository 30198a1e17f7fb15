import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Enrolment } from '@exam/shared/api';
import { categoryLabels, trackLabels } from '../../lib/labels';
import { useSaver } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { attemptResponsesPath } from '../responses';
import { withdrawEnrolment } from './sittings.api';

/**
 * Who is enrolled, for which form and variant, with their accommodations, and a way to each
 * candidate's Part Two responses once they have an attempt.
 */
export function RosterTable(props: {
  sittingId: string;
  enrolments: Enrolment[];
  canWithdraw: boolean;
  onWithdrawn(): void;
}) {
  const save = useSaver();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function withdraw(e: Enrolment) {
    // A roster removal withdraws a booked seat too (the server does it in one change): say so.
    const asked = `Withdraw ${e.displayName} from this sitting? If they booked their seat, the booking is withdrawn and the seat goes to the first on the waitlist.`;
    if (!window.confirm(asked)) return;
    const result = await save(() => withdrawEnrolment(props.sittingId, e.id));
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    setDone(`Withdrew ${e.displayName}.`);
    props.onWithdrawn();
  }

  return (
    <>
      {props.enrolments.length === 0 ? (
        <p>No candidate is enrolled yet.</p>
      ) : (
        <table className="data-table">
          <caption>
            {props.enrolments.length} candidate{props.enrolments.length === 1 ? '' : 's'} enrolled
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email address</th>
              <th scope="col">Form</th>
              <th scope="col">Category and track</th>
              <th scope="col">Accommodations</th>
              <th scope="col">Admitted</th>
              <th scope="col">Part Two</th>
              {props.canWithdraw && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {props.enrolments.map((e) => (
              <tr key={e.id}>
                <th scope="row">{e.displayName}</th>
                <td>{e.email}</td>
                <td>
                  {e.examEndorsement}
                  {e.endorsement === 'IECMH-E' && <span className="hint"> (holds IECMH-E)</span>}
                </td>
                <td>
                  {categoryLabels[e.category]}
                  {e.track && `, ${trackLabels[e.track]}`}
                </td>
                <td>{e.accommodations ?? 'None'}</td>
                <td>{e.admitted ? 'Yes' : 'No'}</td>
                <td>
                  {e.attemptId ? (
                    <Link to={attemptResponsesPath(props.sittingId, e.attemptId)}>
                      Responses<span className="visually-hidden"> of {e.displayName}</span>
                    </Link>
                  ) : (
                    'No attempt yet'
                  )}
                </td>
                {props.canWithdraw && (
                  <td>
                    <button type="button" className="secondary" onClick={() => void withdraw(e)}>
                      Withdraw<span className="visually-hidden"> {e.displayName}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormError message={error} />
      <StatusMessage message={done} />
    </>
  );
}
