import type { Category, Endorsement, MentorTrack, Role } from '@exam/shared/domain';
import { DEFAULT_ASSOCIATION_ID } from '../modules/auth/index.js';

/** Shared by every demo account; printed at start-up. Demo data only, never a live sitting. */
export const DEMO_PASSWORD = 'demo-password-2026';

/** The demo's second association has a fixed id, so tests can name it. */
export const DEMO_CO_ASSOCIATION_ID = '00000000-0000-4000-8000-000000000003';

/**
 * The demo's two associations. Michigan is the default association the migration made (every
 * row that existed before associations, and every original demo account, is there); Colorado
 * is the second, with people and a sitting of its own.
 */
export const demoAssociations = {
  MI: {
    id: DEFAULT_ASSOCIATION_ID,
    name: 'Michigan Association for Infant Mental Health',
    shortName: 'MI-AIMH',
    contactEmail: 'endorsement@mi.demo.test',
    timeZone: 'America/Detroit',
    mailSender: 'MI-AIMH Endorsement <endorsement@mi.demo.test>',
  },
  CO: {
    id: DEMO_CO_ASSOCIATION_ID,
    name: 'Colorado Association for Infant Mental Health',
    shortName: 'CO-AIMH',
    contactEmail: 'endorsement@co.demo.test',
    timeZone: 'America/Denver',
    mailSender: 'CO-AIMH Endorsement <endorsement@co.demo.test>',
  },
} as const;

export type DemoAssociation = keyof typeof demoAssociations;

export interface DemoPerson {
  email: string;
  displayName: string;
  roles: Role[];
  candidate?: { endorsement: Endorsement; category: Category; track: MentorTrack | null };
  /** Where association roles are held: Michigan unless named (programme roles have none). */
  associations?: readonly DemoAssociation[];
}

/** The associations a demo person holds roles in (none for the programme's staff). */
export function associationsOf(person: DemoPerson): readonly DemoAssociation[] {
  const associationRoles: readonly Role[] = ['candidate', 'proctor', 'coordinator'];
  if (!person.roles.some((role) => associationRoles.includes(role))) return [];
  return person.associations ?? ['MI'];
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
  /** Keeps the grading standard: benchmarks, qualification and rater monitoring. */
  { email: 'chief.grader@demo.test', displayName: 'Charlie Chief', roles: ['chief-grader'] },
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
  /**
   * An approved applicant with no seat yet: signs in to an authorisation to test and books a seat
   * in Michigan's remote summer sitting (the candidate's path from approval to check-in).
   */
  {
    email: 'applicant@demo.test',
    displayName: 'Alex Applicant',
    roles: ['candidate'],
    candidate: { endorsement: 'IMH-E', category: 'mental-health-specialist', track: null },
  },
  /** Works for both associations: signs in acting for one and switches to the other. */
  {
    email: 'proctor.both@demo.test',
    displayName: 'Blair Bridges',
    roles: ['proctor'],
    associations: ['MI', 'CO'],
  },
  {
    email: 'coordinator@co.demo.test',
    displayName: 'Cora Coordinator',
    roles: ['coordinator'],
    associations: ['CO'],
  },
  {
    email: 'proctor@co.demo.test',
    displayName: 'Pablo Proctor',
    roles: ['proctor'],
    associations: ['CO'],
  },
  {
    email: 'candidate1@co.demo.test',
    displayName: 'Dana Denver',
    roles: ['candidate'],
    associations: ['CO'],
    candidate: { endorsement: 'IMH-E', category: 'mental-health-specialist', track: null },
  },
  {
    email: 'candidate2@co.demo.test',
    displayName: 'Emery Evergreen',
    roles: ['candidate'],
    associations: ['CO'],
    candidate: { endorsement: 'ECMH-E', category: 'mental-health-mentor', track: 'clinical' },
  },
];
