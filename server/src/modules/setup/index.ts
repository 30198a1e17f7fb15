export { createSetupModule } from './setup.module.js';
export { createSetupService, SETUP_LINK_HOURS } from './setup.service.js';
export type { SetupService } from './setup.service.js';
