import { formatInZone } from '@exam/shared/domain';
import type { NotificationMail } from '../mail.types.js';
import type { MailContent, TemplateContext } from './content.js';

type Accommodations = Extract<NotificationMail, { kind: 'accommodations-approved' }>;
type Results = Extract<NotificationMail, { kind: 'results-released' }>;
type AppealOutcome = Extract<NotificationMail, { kind: 'appeal-outcome' }>;
type RequestDeclined = Extract<NotificationMail, { kind: 'accommodation-request-declined' }>;

export function accommodationsContent(mail: Accommodations, context: TemplateContext): MailContent {
  return {
    subject: `Your accommodations are approved: ${mail.sittingName}`,
    blocks: [
      {
        type: 'paragraph',
        text: `Your accommodations for the sitting on ${formatInZone(mail.startsAt, context.timeZone)} are approved:`,
      },
      { type: 'list', items: mail.accommodations },
      {
        type: 'paragraph',
        text: 'They apply on the day without anything more from you; the timer on your screen includes them.',
      },
      { type: 'action', label: 'Sign in to the exam platform', href: mail.signInLink },
    ],
  };
}

/** Deliberately without scores or outcome: a mailbox is not the place for them. */
export function resultsReleasedContent(mail: Results): MailContent {
  return {
    subject: `Your results are available: ${mail.sittingName}`,
    blocks: [
      {
        type: 'paragraph',
        text: `Your results for ${mail.sittingName} have been released. Sign in to read them, with feedback for each part.`,
      },
      { type: 'action', label: 'Sign in to read your results', href: mail.signInLink },
    ],
  };
}

/** Like results: the decision and any changed result are read after signing in, not in a mailbox. */
export function appealOutcomeContent(mail: AppealOutcome): MailContent {
  const what =
    mail.status === 'declined'
      ? 'Your appeal has been reviewed and was not accepted for reconsideration.'
      : 'A decision has been made on your appeal.';
  return {
    subject: mail.status === 'declined' ? 'Your appeal was reviewed' : 'Your appeal was decided',
    blocks: [
      { type: 'paragraph', text: `${what} Sign in to read it on your results page.` },
      { type: 'action', label: 'Sign in to read the decision', href: mail.signInLink },
    ],
  };
}

/** The coordinator's reason goes in the mail: the candidate may need it to ask again in time. */
export function accommodationRequestDeclinedContent(mail: RequestDeclined): MailContent {
  return {
    subject: `Your accommodation request was declined: ${mail.sittingName}`,
    blocks: [
      {
        type: 'paragraph',
        text: `Your accommodation request for ${mail.sittingName} was declined. The reason given:`,
      },
      { type: 'paragraph', text: mail.reason },
      {
        type: 'paragraph',
        text: 'Your seat is kept. You may send a new request with further documents before the deadline.',
      },
      { type: 'action', label: 'Sign in to see your request', href: mail.signInLink },
    ],
  };
}
