export { createAuditService } from './audit.service.js';
export type { AuditEntry, AuditService } from './audit.service.js';
export { createAuditModule } from './audit.module.js';
export { createCheckpointer } from './audit.checkpoints.js';
export type { ChainReport, CheckpointRecord } from './audit.chain.js';
export { verifyExport, parseExport } from './audit.export.js';
export { appSigningKey, resolveSigningKey } from './audit.signing-key.js';
export { authorisationExtensions, entriesAbout } from './audit.privacy.js';
export type { AuthorisationExtension } from './audit.privacy.js';
