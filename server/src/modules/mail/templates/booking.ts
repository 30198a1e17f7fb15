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

/** What sets one sitting-deadline reminder apart from another: its deadline and its words. */
interface DeadlineReminder {
  deadlineAt: Date;
  subject: string;
  /** The body's first paragraph, from the sitting's start and the deadline as the reader sees them. */
  explain: (starts: string, deadline: string) => string;
  nothingNeeded: string;
  actionLabel: string;
}

/** A reminder that a deadline of a booked sitting is near: the shape both such mails share. */
function deadlineReminderContent(
  mail: { startsAt: Date; signInLink: string },
  context: TemplateContext,
  reminder: DeadlineReminder,
): MailContent {
  const deadline = formatInZone(reminder.deadlineAt, context.timeZone);
  const starts = formatInZone(mail.startsAt, context.timeZone);
  return {
    subject: reminder.subject,
    blocks: [
      { type: 'paragraph', text: reminder.explain(starts, deadline) },
      { type: 'paragraph', text: reminder.nothingNeeded },
      { type: 'action', label: reminder.actionLabel, href: mail.signInLink },
    ],
  };
}

export function cancelCutoffApproachingContent(
  mail: CutoffSoon,
  context: TemplateContext,
): MailContent {
  return deadlineReminderContent(mail, context, {
    deadlineAt: mail.cutoffAt,
    subject: `Free cancellation ends soon: ${mail.sittingName}`,
    explain: (starts, cutoff) =>
      `You hold a seat in ${mail.sittingName} on ${starts}. You can cancel it or move to another sitting free of charge until ${cutoff}; after that, only your coordinator can change it.`,
    nothingNeeded: 'If you are keeping your seat, nothing is needed.',
    actionLabel: 'Sign in to review your seat',
  });
}

export function accommodationDeadlineApproachingContent(
  mail: DeadlineSoon,
  context: TemplateContext,
): MailContent {
  return deadlineReminderContent(mail, context, {
    deadlineAt: mail.deadlineAt,
    subject: `Accommodation requests close soon: ${mail.sittingName}`,
    explain: (starts, deadline) =>
      `If you need accommodations for ${mail.sittingName} on ${starts} (extra time, breaks, larger text, a separate room, a reader or other), request them with your supporting documents by ${deadline}.`,
    nothingNeeded: 'If you need none, nothing is needed.',
    actionLabel: 'Sign in to request accommodations',
  });
}
