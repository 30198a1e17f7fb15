import { formatInZone } from '@exam/shared/domain';
import type { AccountMail } from '../mail.types.js';
import type { MailContent, TemplateContext } from './content.js';

type Reset = Extract<AccountMail, { kind: 'password-reset' }>;

export function passwordResetContent(mail: Reset, context: TemplateContext): MailContent {
  return {
    subject: 'Reset your password',
    blocks: [
      {
        type: 'paragraph',
        text: 'Someone asked to reset the password of your account. If it was you, choose a new password with the link below. The link works once, and every other session of your account is signed out when you use it.',
      },
      { type: 'action', label: 'Choose a new password', href: mail.link },
      {
        type: 'paragraph',
        text: `The link expires on ${formatInZone(mail.expiresAt, context.timeZone)}. If you did not ask, ignore this message: your password stays as it is.`,
      },
    ],
    logLink: mail.link,
  };
}

export function passwordChangedContent(context: TemplateContext): MailContent {
  return {
    subject: 'Your password was changed',
    blocks: [
      { type: 'paragraph', text: 'The password of your account was just changed.' },
      {
        type: 'paragraph',
        text: `If this was not you, reset your password at once from the sign-in page and tell ${context.branding.contactEmail ?? context.branding.name}.`,
      },
    ],
  };
}
