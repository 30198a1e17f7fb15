export { createProctoring } from './proctoring.module.js';
export type { Proctoring } from './proctoring.module.js';
export type { ProctoringService } from './proctoring.service.js';
export type { ResumeCodes } from './resume-codes.js';
export { proctoringRoutes } from './proctoring.routes.js';
export { proctorSocketRoutes } from './proctor.ws.js';
export type { FeedEvent } from './dashboard-feed.js';
export { lateChangeRoutes } from './late-changes.routes.js';
