export { createProctoringModule } from './proctoring.module.js';
export type { ProctoringModule } from './proctoring.module.js';
export type { ProctoringService } from './proctoring.service.js';
export type { ResumeCodes } from './resume-codes.js';
export type { DashboardFeed, FeedEvent } from './dashboard-feed.js';
export { incidentsAbout } from './proctoring.privacy.js';
export { purgePhotosOfSitting } from './check-in.repo.js';
export { checkInsOf } from './check-in.privacy.js';
