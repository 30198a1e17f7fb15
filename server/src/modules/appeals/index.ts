export { createAppealsModule } from './appeals.module.js';
export type { AppealsModule } from './appeals.module.js';
export { notifyAppealOutcome } from './notify.js';
