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
];

export function hasAnyRole(held: readonly string[], wanted: readonly Role[]): boolean {
  return wanted.some((role) => held.includes(role));
}
