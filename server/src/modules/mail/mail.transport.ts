import nodemailer from 'nodemailer';
import type { MailRow } from './mail.repo.js';

/** Hands one stored message to whatever delivers it; resolves once it was accepted. */
export interface MailTransport {
  readonly kind: 'smtp' | 'catcher';
  send(message: MailRow): Promise<void>;
  close(): void;
}

export interface TransportSettings {
  /** smtp://user:pass@host:587 or smtps://…; absent: the database catcher. */
  smtpUrl?: string | undefined;
  /** The platform's From:, used when the association set no sender of its own. */
  defaultFrom: string;
  /** How long one SMTP exchange may take; bounds how long a row stays `sending`. */
  timeoutMs?: number;
}

/**
 * A deterministic Message-ID per row: if an administrator resends an uncertain message, the
 * recipient's mail system can tell it is the same message (many drop the duplicate).
 */
export function messageIdOf(id: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'exam-platform.invalid';
  return `<mail-${id}@${domain}>`;
}

/**
 * nodemailer over SMTP, the one well-kept Node mailer (the smtp-server the tests run is from the
 * same project). Not pooled: the queue sends a few messages at a time, and a fresh connection per
 * batch recovers from a restarted mail server without a stale-socket error on the next send.
 */
function smtpTransport(settings: TransportSettings & { smtpUrl: string }): MailTransport {
  const timeout = settings.timeoutMs ?? 60_000;
  const transporter = nodemailer.createTransport({
    url: settings.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    kind: 'smtp',
    async send(message) {
      const from = message.fromAddress ?? settings.defaultFrom;
      await transporter.sendMail({
        from,
        to: message.recipientName
          ? { name: message.recipientName, address: message.toAddress }
          : message.toAddress,
        subject: message.subject,
        text: message.textBody,
        html: message.htmlBody,
        messageId: messageIdOf(message.id, from),
        attachments: message.attachments.map((a) => ({
          filename: a.filename,
          content: a.content,
          contentType: a.contentType,
        })),
      });
    },
    close: () => transporter.close(),
  };
}

/** The embedded default: the database row is the delivered message, read on the Mail page. */
function catcherTransport(): MailTransport {
  return { kind: 'catcher', send: async () => undefined, close: () => undefined };
}

export function createMailTransport(settings: TransportSettings): MailTransport {
  return settings.smtpUrl
    ? smtpTransport({ ...settings, smtpUrl: settings.smtpUrl })
    : catcherTransport();
}
