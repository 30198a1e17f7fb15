export { createAppealsModule } from './appeals.module.js';
export type { AppealsModule } from './appeals.module.js';
export { createAppealNotifier, notifyAppealOutcome } from './notify.js';
