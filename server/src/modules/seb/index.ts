export { default as sebPlugin } from './seb.plugin.js';
export type { SebRefusal } from './seb.plugin.js';
export {
  sebHash,
  sebPolicySchema,
  CONFIG_KEY_HEADER,
  BROWSER_EXAM_KEY_HEADER,
} from './seb.verify.js';
export type { SebPolicy } from './seb.verify.js';
