import { isValidTimeZone } from '@exam/shared/domain';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { insertMessage } from './mail.repo.js';
import type { MailBrandingSource, MailOutbox, OutgoingMail } from './mail.types.js';
import { renderMail } from './templates/index.js';

export interface MailOutboxDeps {
  db: Db;
  clock: Clock;
  branding: MailBrandingSource;
  /** Wakes the worker after a commit so a queued mail goes out at once, not at the next poll. */
  wake?: () => void;
}

/**
 * The one way into the queue: renders the message now (what the Mail page shows is exactly what
 * was sent, even if the association's name changes later) and inserts it in the caller's
 * transaction, so a rolled-back change leaves no mail behind.
 */
export function createMailOutbox(deps: MailOutboxDeps): MailOutbox {
  return {
    async enqueue(mail: OutgoingMail, tx?: DbOrTx) {
      const db = tx ?? deps.db;
      const branding = await deps.branding.brandingOf(mail.associationId, db);
      const zone =
        mail.timeZone && isValidTimeZone(mail.timeZone) ? mail.timeZone : branding.timeZone;
      const recipientName =
        mail.recipientName ??
        (mail.template.kind === 'invitation' ? mail.template.recipientName : null);
      const rendered = renderMail(mail.template, { branding, recipientName, timeZone: zone });
      const result = await insertMessage(db, {
        associationId: mail.associationId,
        kind: mail.template.kind,
        toAddress: mail.to.trim().toLowerCase(),
        recipientName,
        fromAddress: branding.sender,
        subject: rendered.subject,
        textBody: rendered.text,
        htmlBody: rendered.html,
        attachments: rendered.attachments,
        link: rendered.link,
        dedupeKey: mail.dedupeKey ?? null,
        nextAttemptAt: deps.clock.now(),
        createdAt: deps.clock.now(),
      });
      // Inside a caller's transaction the row is not visible until it commits; the worker's
      // poll picks it up then. Outside one, it is committed now.
      if (!tx && !result.duplicate) deps.wake?.();
      return result;
    },
  };
}
