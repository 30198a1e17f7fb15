import type { Role } from '@exam/shared/api';

/** How each role is named and explained on screen. */
export const roleLabels: Record<Role, string> = {
  candidate: 'Candidate',
  proctor: 'Proctor',
  grader: 'Grader',
  coordinator: 'Coordinator',
  admin: 'Administrator',
  psychometrician: 'Psychometrician',
  panelist: 'Panelist',
  'chief-grader': 'Chief grader',
};

export const roleDescriptions: Record<Role, string> = {
  candidate: 'Sits endorsement exams.',
  proctor: 'Supervises sittings and the candidates in them.',
  grader: 'Scores written answers, without seeing who wrote them.',
  coordinator: 'Runs sittings and manages candidate, proctor and grader accounts.',
  admin:
    'Manages every account and role on the platform, and the programme’s shared bank, forms, vignette sets, rubrics and study pointers.',
  psychometrician: 'Reads item analysis and reliability figures, never candidates’ identities.',
  panelist: 'Rates items in standard-setting studies they are invited to.',
  'chief-grader':
    'Keeps the grading standard: benchmark responses, graders’ qualification and monitoring.',
};

export const userManagerRoles: readonly Role[] = ['admin', 'coordinator'];

/** Who may use the coordinator console; the server's routes admit the same roles. */
export const coordinatorRoles = ['coordinator', 'admin'] as const;
