/** Every role a user can hold; a user may hold several. */
export const roles = [
  'candidate',
  'proctor',
  'grader',
  'coordinator',
  'admin',
  // Reads item analysis (and later standard setting); sees no candidate's identity.
  'psychometrician',
  // Subject-matter experts rating items in a standard-setting study.
  'panelist',
  // Keeps the grading standard: benchmark responses, graders' qualification and monitoring.
  'chief-grader',
] as const;
export type Role = (typeof roles)[number];

/** Roles a coordinator may grant; admin and coordinator are granted only by an admin. */
export const coordinatorGrantableRoles: readonly Role[] = [
  'candidate',
  'proctor',
  'grader',
  'panelist',
];

export const staffRoles: readonly Role[] = [
  'proctor',
  'grader',
  'coordinator',
  'admin',
  'psychometrician',
  'panelist',
  'chief-grader',
];

/**
 * Roles held within one association (its people: who proctors its sittings, who coordinates
 * them, whose candidates they are). A user holds them per association and acts for one at a time.
 */
export const associationRoles: readonly Role[] = ['candidate', 'proctor', 'coordinator'];

/**
 * Roles held for the whole programme, which keeps the bank, forms, rubrics, standard setting and
 * the grader pool shared by every association.
 */
export const programmeRoles: readonly Role[] = [
  'grader',
  'admin',
  'psychometrician',
  'panelist',
  'chief-grader',
];

/**
 * Who may change the programme's shared content (the item bank and its forms, vignette sets,
 * rubrics, study pointers, standard setting, the shared grader pool's qualifications): the
 * programme's own administrators. Coordinators of
 * every association read that content (they choose forms and vignette sets for their sittings)
 * but change none of it, because a change reaches every association's candidates.
 */
export const programmeContentEditors: readonly Role[] = ['admin'];

/**
 * Who may change the programme's grading standard (benchmark responses, calibration settings,
 * graders' qualification decisions, pauses and moving a paused grader's readings): the
 * programme's administrators and chief graders. Coordinators still read it.
 */
export const gradingStandardKeepers: readonly Role[] = ['admin', 'chief-grader'];

export function isAssociationRole(role: Role): boolean {
  return associationRoles.includes(role);
}

export function hasAnyRole(held: readonly string[], wanted: readonly Role[]): boolean {
  return wanted.some((role) => held.includes(role));
}
