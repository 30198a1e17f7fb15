import type { Role } from '@exam/shared/api';
import { userManagerRoles } from './roles';

export interface Destination {
  to: string;
  label: string;
  roles: readonly Role[];
}

/**
 * Every page a role can reach, for the header's links and Home's list (Home, loaded on its own,
 * adds each one's description); each later feature adds its own entry here.
 */
export const destinations: readonly Destination[] = [
  { to: '/exam', label: 'Your exam', roles: ['candidate'] },
  { to: '/retakes', label: 'Retakes', roles: ['candidate'] },
  { to: '/admin/users', label: 'Users and roles', roles: userManagerRoles },
  { to: '/admin/audit', label: 'Audit log', roles: ['admin'] },
  { to: '/admin/invitations', label: 'Pending invitations', roles: ['admin', 'coordinator'] },
  { to: '/admin/mail', label: 'Mail', roles: ['admin', 'coordinator'] },
  { to: '/associations', label: 'Association settings', roles: ['admin', 'coordinator'] },
  { to: '/programme', label: 'Programme overview', roles: ['admin', 'psychometrician'] },
  { to: '/proctor', label: 'Proctoring', roles: ['proctor', 'coordinator', 'admin'] },
  { to: '/coordinator', label: 'Coordinator console', roles: ['coordinator', 'admin'] },
  { to: '/grading', label: 'Grading', roles: ['grader'] },
  { to: '/qualification', label: 'Qualification', roles: ['grader'] },
  { to: '/standard-setting', label: 'Standard setting', roles: ['coordinator', 'admin'] },
  { to: '/panel', label: 'Rate items', roles: ['panelist'] },
  { to: '/results', label: 'Results', roles: ['coordinator', 'admin'] },
  { to: '/analysis', label: 'Item analysis', roles: ['coordinator', 'psychometrician'] },
  {
    to: '/rater-monitoring',
    label: 'Rater monitoring',
    roles: ['coordinator', 'admin', 'chief-grader'],
  },
  {
    to: '/grading-standard',
    label: 'Grading standard',
    roles: ['coordinator', 'admin', 'chief-grader'],
  },
  { to: '/comment-bank', label: 'Comment bank', roles: ['coordinator', 'admin', 'chief-grader'] },
  { to: '/graders', label: 'Graders', roles: ['coordinator', 'admin'] },
  { to: '/rubrics', label: 'Rubrics', roles: ['coordinator', 'admin'] },
  { to: '/my-exam', label: 'My exam', roles: ['candidate'] },
  { to: '/my-dates', label: 'Your dates', roles: ['candidate'] },
  {
    to: '/coordinator/authorisations',
    label: 'Authorisations and seats',
    roles: ['coordinator', 'admin'],
  },
  { to: '/accommodations', label: 'Accommodations', roles: ['candidate'] },
  { to: '/check-in', label: 'Check in', roles: ['candidate'] },
  {
    to: '/accommodation-requests',
    label: 'Accommodation requests',
    roles: ['coordinator', 'admin'],
  },
  { to: '/my-results', label: 'Your results', roles: ['candidate'] },
  { to: '/my-letters', label: 'Results letters', roles: ['candidate'] },
  { to: '/my-data', label: 'Your data', roles: ['candidate'] },
  { to: '/retention', label: 'Retention of responses', roles: ['admin', 'coordinator'] },
];
