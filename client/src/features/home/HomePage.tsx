import { Link } from 'react-router-dom';
import { hasAnyRole } from '@exam/shared/api';
import { Page } from '../../ui/Page';
import { destinations, roleDescriptions, roleLabels, useSession } from '../auth';

/** What each destination is for, shown on Home beside its link. */
const descriptions: Record<string, string> = {
  '/retakes': 'Your standing per part, and a request to retake the part you did not pass.',
  '/exam': 'Sit Part One when your sitting is open; every answer is saved as you go.',
  '/admin/users': 'Create accounts and change the roles people hold.',
  '/admin/audit': 'Search who did what, verify the signed chain, and export it for offline checks.',
  '/admin/invitations': 'Who has not yet accepted an invitation; resend or revoke one.',
  '/admin/mail': 'Every message sent or queued, as its recipient sees it; resend what failed.',
  '/associations': 'Name, logo, contact, time zone, deadlines, retention and mail sender.',
  '/programme': 'Sittings, candidates, pass rates, domain means and grading across associations.',
  '/proctor': 'Watch a sitting live: admit, pause and resume, add time, record incidents.',
  '/coordinator':
    'Schedule sittings, enrol candidates, set accommodations, and keep the item bank and vignettes.',
  '/grading': 'Score the vignette responses routed to you, blind, with their rubrics.',
  '/qualification': 'Score a set of benchmark responses to qualify for live scoring of a variant.',
  '/standard-setting': 'Run modified-Angoff studies and adopt each form’s cut score.',
  '/panel': 'Rate the items of the standard-setting studies you are invited to.',
  '/results':
    'Review each sitting’s results and graders’ agreement, export them, and release them.',
  '/analysis':
    'Difficulty, discrimination, reliability and distractors of each Part One form, with flags.',
  '/rater-monitoring':
    'How each grader scores against co-readers and seeded benchmarks; paused graders to review.',
  '/grading-standard':
    'Calibration settings, benchmark responses, and decisions on graders’ qualification.',
  '/comment-bank': 'Curate the reusable feedback comments graders insert, per domain and level.',
  '/graders': 'Set which variants each grader scores, who adjudicates, and conflicts of interest.',
  '/rubrics': 'Read and version the Part Two rubrics for each variant.',
  '/my-exam': 'Your authorisation to test, and booking, cancelling or moving your seat.',
  '/my-dates': 'Every date before your exam, in your time zone.',
  '/coordinator/authorisations':
    'Approved applications, their expiry, and seats and waitlists per sitting.',
  '/accommodations':
    'Ask for extra time, breaks or other accommodations, with supporting documents.',
  '/check-in': 'Before a remote sitting: photos of your face and your ID for the proctor.',
  '/accommodation-requests':
    'Read candidates’ requests and documents; approve all or part, or decline.',
  '/my-results': 'Your exam results once released, with feedback by domain.',
  '/my-letters': 'Your released results as PDF letters that others can check.',
  '/my-data': 'Everything the platform holds about you, to read, print or download.',
  '/retention': 'See which responses the retention period has reached, and confirm their purge.',
};

/** The signed-in landing page: who you are, what your roles are, and where you can go. */
export function HomePage() {
  const { state } = useSession();
  if (state.status !== 'signed-in') return null;
  const { user } = state.session;
  const available = destinations.filter((d) => hasAnyRole(user.roles, d.roles));

  return (
    <Page title="Home">
      <p className="lead">
        Welcome, <span className="user-name">{user.displayName}</span>.
      </p>
      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">Your roles</h2>
        {user.roles.length === 0 && <p>You hold no roles yet. Ask an administrator for one.</p>}
        <dl className="roles">
          {user.roles.map((role) => (
            <div key={role}>
              <dt>{roleLabels[role]}</dt>
              <dd>{roleDescriptions[role]}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">What you can do</h2>
        {available.length === 0 ? (
          <p>There is nothing for your roles to do here yet.</p>
        ) : (
          <ul className="destinations">
            {available.map((d) => (
              <li key={d.to}>
                <Link to={d.to}>{d.label}</Link>
                <span className="hint"> — {descriptions[d.to]}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
