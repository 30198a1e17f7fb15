import type { Category, Endorsement, MentorTrack, Role } from '@exam/shared/domain';

/** Shared by every demo account; printed at start-up. Demo data only, never a live sitting. */
export const DEMO_PASSWORD = 'demo-password-2026';

export interface DemoPerson {
  email: string;
  displayName: string;
  roles: Role[];
  candidate?: { endorsement: Endorsement; category: Category; track: MentorTrack | null };
}

export const demoPeople: DemoPerson[] = [
  { email: 'admin@demo.test', displayName: 'Ada Admin', roles: ['admin'] },
  { email: 'coordinator@demo.test', displayName: 'Corin Coordinator', roles: ['coordinator'] },
  { email: 'proctor@demo.test', displayName: 'Priya Proctor', roles: ['proctor'] },
  {
    email: 'psychometrician@demo.test',
    displayName: 'Pat Psychometrician',
    roles: ['psychometrician'],
  },
  { email: 'grader1@demo.test', displayName: 'Grace Grader', roles: ['grader'] },
  { email: 'grader2@demo.test', displayName: 'Gideon Grader', roles: ['grader'] },
  /** The demo's third reader: an adjudicator (see demo-grading.ts). */
  { email: 'grader3@demo.test', displayName: 'Avery Adjudicator', roles: ['grader'] },
  /** Subject-matter experts for a standard-setting study. */
  { email: 'panelist1@demo.test', displayName: 'Pat Panelist', roles: ['panelist'] },
  { email: 'panelist2@demo.test', displayName: 'Quinn Panelist', roles: ['panelist'] },
  {
    email: 'candidate@demo.test',
    displayName: 'Casey Candidate',
    roles: ['candidate'],
    candidate: { endorsement: 'IMH-E', category: 'mental-health-specialist', track: null },
  },
  {
    email: 'mentor.policy@demo.test',
    displayName: 'Morgan Mentor',
    roles: ['candidate'],
    candidate: { endorsement: 'ECMH-E', category: 'mental-health-mentor', track: 'policy' },
  },
  {
    email: 'mentor.research@demo.test',
    displayName: 'Riley Researcher',
    roles: ['candidate'],
    candidate: {
      endorsement: 'IMH-E',
      category: 'mental-health-mentor',
      track: 'research-faculty',
    },
  },
  {
    email: 'mentor.clinical@demo.test',
    displayName: 'Jordan Clinician',
    roles: ['candidate'],
    candidate: { endorsement: 'ECMH-E', category: 'mental-health-mentor', track: 'clinical' },
  },
];
