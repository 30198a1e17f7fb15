export { createAuditService } from './audit.service.js';
export type { AuditEntry, AuditService, VerifyResult } from './audit.service.js';
