export { createPrivacyModule } from './privacy.module.js';
export type { PrivacyModule } from './privacy.module.js';
export type { RetentionService } from './retention.service.js';
