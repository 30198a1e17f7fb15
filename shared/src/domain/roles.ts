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
 * programme's administrators and the coordinators, who keep the bank, vignettes and rubrics for
 * the programme (the product's division of work). Every change is audited with the association
 * the coordinator acted for; proctors, graders and candidates change none of it.
 */
export const programmeContentEditors: readonly Role[] = ['admin', 'coordinator'];

/**
 * Who may change the programme's grading standard (benchmark responses, calibration settings,
 * graders' qualification decisions, pauses and moving a paused grader's readings): administrators,
 * chief graders and coordinators (issue 19 gives the coordinator the benchmarks, the decision after
 * a failed retry and the review of a paused grader).
 */
export const gradingStandardKeepers: readonly Role[] = ['admin', 'chief-grader', 'coordinator'];

export function isAssociationRole(role: Role): boolean {
  return associationRoles.includes(role);
}

export function hasAnyRole(held: readonly string[], wanted: readonly Role[]): boolean {
  return wanted.some((role) => held.includes(role));
}
