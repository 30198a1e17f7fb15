export { createRetakesModule } from './retakes.module.js';
export type { RetakesService } from './retakes.service.js';
export { earliestRetakeDate, retakeEligibility } from './retake.rules.js';
export type { PartHistory, RetakeEligibility, RetakeRules } from './retake.rules.js';
export { retakeRequestsOf } from './retakes.privacy.js';
export type { RetakeRequestData } from './retakes.privacy.js';
