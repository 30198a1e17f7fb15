/** The coordinator console's contracts: sittings and enrolment, candidates, vignette sets. */
export * from './sittings.js';
export * from './enrolments.js';
export * from './candidates.js';
export * from './vignette-sets.js';
