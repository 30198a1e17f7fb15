export { createMailModule } from './mail.module.js';
export type { MailModule, MailModuleDeps } from './mail.module.js';
export type {
  AccountMail,
  MailBranding,
  MailBrandingSource,
  MailKind,
  MailOutbox,
  MailTemplate,
  NotificationMail,
  OutgoingMail,
  RenderedMail,
  SittingFacts,
} from './mail.types.js';
export { renderMail } from './templates/index.js';
export { createMailTransport, messageIdOf } from './mail.transport.js';
export type { MailTransport } from './mail.transport.js';
export type { MailWorker } from './mail.worker.js';
