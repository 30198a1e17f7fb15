import { formatInZone } from '@exam/shared/domain';
import type { NotificationMail } from '../mail.types.js';
import type { MailContent, TemplateContext } from './content.js';

type Expiring = Extract<NotificationMail, { kind: 'authorisation-expiring' }>;
type Promoted = Extract<NotificationMail, { kind: 'waitlist-promoted' }>;

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
