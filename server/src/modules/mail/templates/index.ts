import type { MailTemplate, RenderedMail } from '../mail.types.js';
import {
  accountLockedContent,
  accountHeldElsewhereContent,
  authorisationHeldElsewhereContent,
  enrolmentHeldElsewhereContent,
  twoFactorResetContent,
} from './account-security.js';
import {
  accommodationRequestDeclinedContent,
  accommodationsContent,
  appealOutcomeContent,
  resultsReleasedContent,
} from './candidate.js';
import type { MailContent, TemplateContext } from './content.js';
import { invitationContent } from './invitation.js';
import { renderLayout } from './layout.js';
import { passwordChangedContent, passwordResetContent } from './password.js';
import {
  accommodationDeadlineApproachingContent,
  authorisationExpiringContent,
  cancelCutoffApproachingContent,
  waitlistPromotedContent,
} from './booking.js';
import { sittingContent } from './sitting.js';

export type { TemplateContext } from './content.js';
export { escapeHtml } from './layout.js';

function contentOf(template: MailTemplate, context: TemplateContext): MailContent {
  switch (template.kind) {
    case 'invitation':
      return invitationContent(template, context);
    case 'password-reset':
      return passwordResetContent(template, context);
    case 'password-changed':
      return passwordChangedContent(context);
    case 'account-locked':
      return accountLockedContent(template, context);
    case 'two-factor-reset':
      return twoFactorResetContent(context);
    case 'enrolment-held-elsewhere':
      return enrolmentHeldElsewhereContent(template, context);
    case 'authorisation-held-elsewhere':
      return authorisationHeldElsewhereContent(template, context);
    case 'account-held-elsewhere':
      return accountHeldElsewhereContent(template, context);
    case 'sitting-scheduled':
    case 'sitting-moved':
    case 'sitting-reminder':
      return sittingContent(template, context);
    case 'accommodations-approved':
      return accommodationsContent(template, context);
    case 'results-released':
      return resultsReleasedContent(template);
    case 'appeal-outcome':
      return appealOutcomeContent(template);
    case 'authorisation-expiring':
      return authorisationExpiringContent(template, context);
    case 'waitlist-promoted':
      return waitlistPromotedContent(template, context);
    case 'cancel-cutoff-approaching':
      return cancelCutoffApproachingContent(template, context);
    case 'accommodation-deadline-approaching':
      return accommodationDeadlineApproachingContent(template, context);
    case 'accommodation-request-declined':
      return accommodationRequestDeclinedContent(template);
  }
}

/** One template per kind, rendered to subject, text and HTML in the association's name. */
export function renderMail(template: MailTemplate, context: TemplateContext): RenderedMail {
  return renderLayout(contentOf(template, context), context);
}
