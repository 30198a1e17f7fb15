import { formatInZone } from '@exam/shared/domain';
import type { AccountMail } from '../mail.types.js';
import type { MailContent, TemplateContext } from './content.js';

type Invitation = Extract<AccountMail, { kind: 'invitation' }>;

/** An invitation to set a password: single use, until it expires. */
export function invitationContent(mail: Invitation, context: TemplateContext): MailContent {
  return {
    subject: `Your invitation to the ${context.branding.name} exam platform`,
    blocks: [
      {
        type: 'paragraph',
        text: `${context.branding.name} has invited you to its exam platform as ${mail.roleLabel}.`,
      },
      {
        type: 'paragraph',
        text: 'Choose your password with the link below to activate your account. The link works once.',
      },
      { type: 'action', label: 'Accept the invitation', href: mail.link },
      {
        type: 'paragraph',
        text: `The link expires on ${formatInZone(mail.expiresAt, context.timeZone)}. If you did not expect this invitation, you can ignore this message.`,
      },
    ],
    logLink: mail.link,
  };
}
