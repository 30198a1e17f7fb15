export { createSebModule } from './seb.module.js';
export type { SebModule } from './seb.module.js';
export type { SebRefusal } from './seb.plugin.js';
export {
  sebHash,
  sebPolicySchema,
  CONFIG_KEY_HEADER,
  BROWSER_EXAM_KEY_HEADER,
} from './seb.verify.js';
export type { SebPolicy } from './seb.verify.js';
