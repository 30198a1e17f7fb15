import { formatInZone } from '@exam/shared/domain';
import type { AccountMail } from '../mail.types.js';
import type { MailContent, TemplateContext } from './content.js';

type Locked = Extract<AccountMail, { kind: 'account-locked' }>;
type HeldElsewhere = Extract<AccountMail, { kind: 'enrolment-held-elsewhere' }>;
type AuthorisationHeld = Extract<AccountMail, { kind: 'authorisation-held-elsewhere' }>;
type AccountHeld = Extract<AccountMail, { kind: 'account-held-elsewhere' }>;

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

/**
 * The holder of an existing account decides whether another association may enrol them: the
 * association was told nothing, so the holder's own word (to it, or to an administrator who adds
 * the account) is the consent.
 */
export function enrolmentHeldElsewhereContent(
  mail: HeldElsewhere,
  context: TemplateContext,
): MailContent {
  return {
    subject: `${mail.requestedBy} asked to enrol you in a sitting`,
    blocks: [
      {
        type: 'paragraph',
        text: `${mail.requestedBy} asked to enrol this address in the sitting "${mail.sittingName}" on the ${context.branding.name} exam platform.`,
      },
      {
        type: 'paragraph',
        text: `This address already has an account, so nothing was created, you were not enrolled, and nothing about your account was shared with ${mail.requestedBy}.`,
      },
      {
        type: 'paragraph',
        text: `If you want to sit with ${mail.requestedBy}, tell them so; a programme administrator can then add your existing account. If you did not expect this, you can ignore this message.`,
      },
    ],
  };
}

/** As for an enrolment: nothing was attached, the association learnt nothing, the holder decides. */
export function authorisationHeldElsewhereContent(
  mail: AuthorisationHeld,
  context: TemplateContext,
): MailContent {
  return {
    subject: `${mail.requestedBy} approved an application under this address`,
    blocks: [
      {
        type: 'paragraph',
        text: `${mail.requestedBy} recorded an approved exam application for this address on the ${context.branding.name} exam platform.`,
      },
      {
        type: 'paragraph',
        text: `This address already has an account, so nothing was created, no authorisation to test was attached to it, and nothing about your account was shared with ${mail.requestedBy}.`,
      },
      {
        type: 'paragraph',
        text: `If you want to test with ${mail.requestedBy}, tell them so; a programme administrator can then add your existing account. If you did not expect this, you can ignore this message.`,
      },
    ],
  };
}

/** As for an enrolment: no role was given, the association learnt nothing, the holder decides. */
export function accountHeldElsewhereContent(
  mail: AccountHeld,
  context: TemplateContext,
): MailContent {
  return {
    subject: `${mail.requestedBy} tried to add this address as a user`,
    blocks: [
      {
        type: 'paragraph',
        text: `${mail.requestedBy} tried to create an account for this address on the ${context.branding.name} exam platform (as ${mail.roleLabel}).`,
      },
      {
        type: 'paragraph',
        text: `This address already has an account, so nothing was created, no role was added to your account, and nothing about it was shared with ${mail.requestedBy}.`,
      },
      {
        type: 'paragraph',
        text: `If you want to work with ${mail.requestedBy}, tell them so; a programme administrator can then add your existing account. If you did not expect this, you can ignore this message.`,
      },
    ],
  };
}
