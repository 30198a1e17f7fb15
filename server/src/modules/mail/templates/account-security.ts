import { formatInZone } from '@exam/shared/domain';
import type { AccountMail } from '../mail.types.js';
import type { MailContent, TemplateContext } from './content.js';

type Locked = Extract<AccountMail, { kind: 'account-locked' }>;

export function accountLockedContent(mail: Locked, context: TemplateContext): MailContent {
  return {
    subject: 'Your account was locked after failed sign-ins',
    blocks: [
      {
        type: 'paragraph',
        text: `After several failed attempts to sign in, your account is locked until ${formatInZone(mail.lockedUntil, context.timeZone)}.`,
      },
      {
        type: 'paragraph',
        text: 'If it was you, unlock it now with the link below. If it was not, someone may be guessing your password: consider resetting it.',
      },
      { type: 'action', label: 'Unlock my account', href: mail.unlockLink },
    ],
    logLink: mail.unlockLink,
  };
}

export function twoFactorResetContent(context: TemplateContext): MailContent {
  return {
    subject: 'Your two-step sign-in was reset',
    blocks: [
      {
        type: 'paragraph',
        text: 'An administrator reset the second step of your sign-in (the authenticator app and recovery codes). You will be asked to set it up again the next time you sign in.',
      },
      {
        type: 'paragraph',
        text: `If you did not ask for this, tell ${context.branding.contactEmail ?? context.branding.name} at once.`,
      },
    ],
  };
}
