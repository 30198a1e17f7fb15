import { Link } from 'react-router-dom';
import { hasAnyRole, type Role } from '@exam/shared/api';
import { Page } from '../../ui/Page';
import { roleDescriptions, roleLabels, userManagerRoles } from './roles';
import { useSession } from './session-context';

interface Destination {
  to: string;
  label: string;
  description: string;
  roles: readonly Role[];
}

/** Every page a role can reach from Home; each later feature adds its own entry here. */
export const destinations: readonly Destination[] = [
  {
    to: '/exam',
    label: 'Your exam',
    description: 'Sit Part One when your sitting is open; every answer is saved as you go.',
    roles: ['candidate'],
  },
  {
    to: '/admin/users',
    label: 'Users and roles',
    description: 'Create accounts and change the roles people hold.',
    roles: userManagerRoles,
  },
  {
    to: '/admin/audit',
    label: 'Audit log',
    description: 'Search who did what, verify the signed chain, and export it for offline checks.',
    roles: ['admin'],
  },
  {
    to: '/admin/invitations',
    label: 'Pending invitations',
    description: 'Who has not yet accepted an invitation; resend or revoke one.',
    roles: ['admin', 'coordinator'],
  },
  {
    to: '/admin/mail',
    label: 'Mail',
    description: 'Every message sent or queued, as its recipient sees it; resend what failed.',
    roles: ['admin', 'coordinator'],
  },
  {
    to: '/associations',
    label: 'Association settings',
    description: 'Name, logo, contact, time zone, deadlines, retention and mail sender.',
    roles: ['admin', 'coordinator'],
  },
  {
    to: '/programme',
    label: 'Programme overview',
    description: 'Sittings, candidates, pass rates, domain means and grading across associations.',
    roles: ['admin', 'psychometrician'],
  },
  {
    to: '/proctor',
    label: 'Proctoring',
    description: 'Watch a sitting live: admit, pause and resume, add time, record incidents.',
    roles: ['proctor', 'coordinator', 'admin'],
  },
  {
    to: '/coordinator',
    label: 'Coordinator console',
    description:
      'Schedule sittings, enrol candidates, set accommodations, and keep the item bank and vignettes.',
    roles: ['coordinator', 'admin'],
  },
  {
    to: '/grading',
    label: 'Grading',
    description: 'Score the vignette responses routed to you, blind, with their rubrics.',
    roles: ['grader'],
  },
  {
    to: '/qualification',
    label: 'Qualification',
    description: 'Score a set of benchmark responses to qualify for live scoring of a variant.',
    roles: ['grader'],
  },
  {
    to: '/standard-setting',
    label: 'Standard setting',
    description: 'Run modified-Angoff studies and adopt each form’s cut score.',
    roles: ['coordinator', 'admin'],
  },
  {
    to: '/panel',
    label: 'Rate items',
    description: 'Rate the items of the standard-setting studies you are invited to.',
    roles: ['panelist'],
  },
  {
    to: '/results',
    label: 'Results',
    description:
      'Review each sitting’s results and graders’ agreement, export them, and release them.',
    roles: ['coordinator', 'admin'],
  },
  {
    to: '/analysis',
    label: 'Item analysis',
    description:
      'Difficulty, discrimination, reliability and distractors of each Part One form, with flags.',
    roles: ['coordinator', 'psychometrician'],
  },
  {
    to: '/rater-monitoring',
    label: 'Rater monitoring',
    description:
      'How each grader scores against co-readers and seeded benchmarks; paused graders to review.',
    roles: ['coordinator', 'admin', 'chief-grader'],
  },
  {
    to: '/grading-standard',
    label: 'Grading standard',
    description:
      'Calibration settings, benchmark responses, and decisions on graders’ qualification.',
    roles: ['coordinator', 'admin', 'chief-grader'],
  },
  {
    to: '/comment-bank',
    label: 'Comment bank',
    description: 'Curate the reusable feedback comments graders insert, per domain and level.',
    roles: ['coordinator', 'admin', 'chief-grader'],
  },
  {
    to: '/graders',
    label: 'Graders',
    description:
      'Set which variants each grader scores, who adjudicates, and conflicts of interest.',
    roles: ['coordinator', 'admin'],
  },
  {
    to: '/rubrics',
    label: 'Rubrics',
    description: 'Read and version the Part Two rubrics for each variant.',
    roles: ['coordinator', 'admin'],
  },
  {
    to: '/my-exam',
    label: 'My exam',
    description: 'Your authorisation to test, and booking, cancelling or moving your seat.',
    roles: ['candidate'],
  },
  {
    to: '/my-dates',
    label: 'Your dates',
    description: 'Every date before your exam, in your time zone.',
    roles: ['candidate'],
  },
  {
    to: '/coordinator/authorisations',
    label: 'Authorisations and seats',
    description: 'Approved applications, their expiry, and seats and waitlists per sitting.',
    roles: ['coordinator', 'admin'],
  },
  {
    to: '/accommodations',
    label: 'Accommodations',
    description: 'Ask for extra time, breaks or other accommodations, with supporting documents.',
    roles: ['candidate'],
  },
  {
    to: '/retakes',
    label: 'Retakes',
    description: 'Your standing per part, and a request to retake the part you did not pass.',
    roles: ['candidate'],
  },
  {
    to: '/check-in',
    label: 'Check in',
    description: 'Before a remote sitting: photos of your face and your ID for the proctor.',
    roles: ['candidate'],
  },
  {
    to: '/accommodation-requests',
    label: 'Accommodation requests',
    description: 'Read candidates’ requests and documents; approve all or part, or decline.',
    roles: ['coordinator', 'admin'],
  },
  {
    to: '/my-results',
    label: 'Your results',
    description: 'Your exam results once released, with feedback by domain.',
    roles: ['candidate'],
  },
  {
    to: '/my-letters',
    label: 'Results letters',
    description: 'Your released results as PDF letters that others can check.',
    roles: ['candidate'],
  },
  {
    to: '/my-data',
    label: 'Your data',
    description: 'Everything the platform holds about you, to read, print or download.',
    roles: ['candidate'],
  },
  {
    to: '/retention',
    label: 'Retention of responses',
    description: 'See which responses the retention period has reached, and confirm their purge.',
    roles: ['admin', 'coordinator'],
  },
];

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
                <span className="hint"> — {d.description}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
