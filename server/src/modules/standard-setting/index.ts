export { createStandardSettingModule } from './standard-setting.module.js';
export type { StandardSettingModule } from './standard-setting.module.js';
export {
  clampCut,
  impliedCut,
  isOutlier,
  panelSummary,
  passRate,
  pValues,
  roundUpCut,
  wholeMarkCut,
  zScore,
} from './angoff.stats.js';
