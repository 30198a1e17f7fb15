import { formatInZone } from '@exam/shared/domain';
import type { NotificationMail } from '../mail.types.js';
import type { MailContent, TemplateContext } from './content.js';

type Expiring = Extract<NotificationMail, { kind: 'authorisation-expiring' }>;
type Promoted = Extract<NotificationMail, { kind: 'waitlist-promoted' }>;
type CutoffSoon = Extract<NotificationMail, { kind: 'cancel-cutoff-approaching' }>;
type DeadlineSoon = Extract<NotificationMail, { kind: 'accommodation-deadline-approaching' }>;

export function authorisationExpiringContent(
  mail: Expiring,
  context: TemplateContext,
): MailContent {
  const when = formatInZone(mail.expiresAt, context.timeZone);
  return {
    subject: 'Your authorisation to test expires soon',
    blocks: [
      {
        type: 'paragraph',
        text: mail.booked
          ? `Your authorisation to test expires on ${when}. You hold a seat; nothing more is needed unless you change it.`
          : `Your authorisation to test expires on ${when}. Book a seat in a sitting before then; after it, nothing can be booked.`,
      },
      { type: 'action', label: 'Sign in to book or review your seat', href: mail.signInLink },
    ],
  };
}

export function waitlistPromotedContent(mail: Promoted, context: TemplateContext): MailContent {
  const when = mail.startsAt ? ` on ${formatInZone(mail.startsAt, context.timeZone)}` : '';
  return {
    subject: `A seat is yours: ${mail.sittingName}`,
    blocks: [
      {
        type: 'paragraph',
        text: `A seat came free in ${mail.sittingName}${when} and it is now yours: you were first on the waitlist.`,
      },
      { type: 'action', label: 'Sign in to see your booking', href: mail.signInLink },
    ],
  };
}

export function cancelCutoffApproachingContent(
  mail: CutoffSoon,
  context: TemplateContext,
): MailContent {
  const cutoff = formatInZone(mail.cutoffAt, context.timeZone);
  const starts = formatInZone(mail.startsAt, context.timeZone);
  return {
    subject: `Free cancellation ends soon: ${mail.sittingName}`,
    blocks: [
      {
        type: 'paragraph',
        text: `You hold a seat in ${mail.sittingName} on ${starts}. You can cancel it or move to another sitting free of charge until ${cutoff}; after that, only your coordinator can change it.`,
      },
      { type: 'paragraph', text: 'If you are keeping your seat, nothing is needed.' },
      { type: 'action', label: 'Sign in to review your seat', href: mail.signInLink },
    ],
  };
}

export function accommodationDeadlineApproachingContent(
  mail: DeadlineSoon,
  context: TemplateContext,
): MailContent {
  const deadline = formatInZone(mail.deadlineAt, context.timeZone);
  const starts = formatInZone(mail.startsAt, context.timeZone);
  return {
    subject: `Accommodation requests close soon: ${mail.sittingName}`,
    blocks: [
      {
        type: 'paragraph',
        text: `If you need accommodations for ${mail.sittingName} on ${starts} (extra time, breaks, larger text, a separate room, a reader or other), request them with your supporting documents by ${deadline}.`,
      },
      { type: 'paragraph', text: 'If you need none, nothing is needed.' },
      { type: 'action', label: 'Sign in to request accommodations', href: mail.signInLink },
    ],
  };
}
