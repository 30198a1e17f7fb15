import { administrationItems } from './administration.js';
import { communicatingItems } from './communicating.js';
import { directServiceEarlyChildhoodItems } from './direct-service-early-childhood.js';
import { directServiceInfancyItems } from './direct-service-infancy.js';
import { lawRegulationPolicyItems } from './law-regulation-policy.js';
import { reflectionItems } from './reflection.js';
import { researchEvaluationItems } from './research-evaluation.js';
import { systemsExpertiseItems } from './systems-expertise.js';
import { theoreticalFoundationsItems } from './theoretical-foundations.js';
import { thinkingItems } from './thinking.js';
import { workingWithOthersItems } from './working-with-others.js';
import type { DemoItem } from './types.js';

export type { DemoItem } from './types.js';

/**
 * The demo item bank: original questions written for this platform, enough in every
 * (domain, age band) cell for both default blueprints with room to vary between forms.
 */
export const demoBankItems: readonly DemoItem[] = [
  ...directServiceInfancyItems,
  ...directServiceEarlyChildhoodItems,
  ...theoreticalFoundationsItems,
  ...reflectionItems,
  ...thinkingItems,
  ...workingWithOthersItems,
  ...communicatingItems,
  ...systemsExpertiseItems,
  ...lawRegulationPolicyItems,
  ...administrationItems,
  ...researchEvaluationItems,
];

/** Seeds of the demo forms, fixed so every fresh demo database gets forms of the same make-up. */
export const demoFormSeeds = {
  'IMH-E': 'demo-imh-e-form-a',
  'ECMH-E': 'demo-ecmh-e-form-a',
} as const;
