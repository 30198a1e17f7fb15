import type { RetakeEligibilityView } from '@exam/shared/api';
import { useFormatDate } from '../../lib/dates';

/** What the association's rules say of one retake: shown alike to the candidate and the coordinator. */
export function EligibilitySummary({ eligibility }: { eligibility: RetakeEligibilityView }) {
  const format = useFormatDate('none');
  return (
    <>
      <p>
        {eligibility.eligible ? 'Eligible.' : 'Not eligible.'} Attempts used:{' '}
        {eligibility.attemptsUsed}. Earliest retake date: {format(eligibility.earliestDate)}.
        Request deadline: {format(eligibility.requestDeadline)}.
      </p>
      {eligibility.problems.length > 0 && (
        <ul>
          {eligibility.problems.map((p) => (
            <li key={p.rule}>{p.message}</li>
          ))}
        </ul>
      )}
    </>
  );
}
