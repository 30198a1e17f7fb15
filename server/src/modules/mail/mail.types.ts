import type { DbOrTx } from '../../db/client.js';

/** The account mails the accounts lifecycle sends (see briefs: the mail contract). */
export type AccountMail =
  | { kind: 'invitation'; recipientName: string; roleLabel: string; link: string; expiresAt: Date }
  | { kind: 'password-reset'; link: string; expiresAt: Date }
  | { kind: 'account-locked'; unlockLink: string; lockedUntil: Date }
  /** An administrator reset the user's second factor. */
  | { kind: 'two-factor-reset' }
  /** Sent after a change or a reset: "if this was not you…". */
  | { kind: 'password-changed' }
  /**
   * An association tried to enrol an address whose account only another association holds:
   * nothing was attached; the holder is told, in the programme's name, and decides.
   */
  | { kind: 'enrolment-held-elsewhere'; requestedBy: string; sittingName: string }
  /** The same for an approved application imported or entered under that address. */
  | { kind: 'authorisation-held-elsewhere'; requestedBy: string }
  /** The same for an account a coordinator tried to create with that address. */
  | { kind: 'account-held-elsewhere'; requestedBy: string; roleLabel: string };

/** Where and when a sitting takes place, as a candidate's notification tells it. */
export interface SittingFacts {
  sittingId: string;
  /** The enrolment it is about: the calendar event's identity, stable across moves. */
  enrolmentId: string;
  sittingName: string;
  startsAt: Date;
  endsAt: Date;
  /** The sitting's own zone, shown beside the candidate's. */
  sittingTimeZone: string;
  place: string | null;
  remoteLink: string | null;
  whatToBring: readonly string[];
  /** Where the candidate signs in (absolute). */
  signInLink: string;
}

/** The candidate notifications (issue 14), sent through the same queue. */
export type NotificationMail =
  | ({ kind: 'sitting-scheduled' } & SittingFacts)
  | ({ kind: 'sitting-moved'; previousStartsAt: Date; sequence: number } & SittingFacts)
  | ({ kind: 'sitting-reminder' } & SittingFacts)
  | {
      kind: 'accommodations-approved';
      sittingName: string;
      startsAt: Date;
      sittingTimeZone: string;
      /** Plain descriptions, e.g. "25% extra time", "A 10-minute break in each part". */
      accommodations: readonly string[];
      signInLink: string;
    }
  /** No scores in the mail: only a link to sign in and read them. */
  | { kind: 'results-released'; sittingName: string; signInLink: string }
  /** An appeal decided or declined: no outcome details in the mail, only where to read them. */
  | { kind: 'appeal-outcome'; status: 'decided' | 'declined'; signInLink: string }
  /** An authorisation to test lapses soon (bookings reminders, one per reminder day). */
  | { kind: 'authorisation-expiring'; expiresAt: Date; booked: boolean; signInLink: string }
  /** Free cancellation of a booked seat ends soon (bookings deadline reminders). */
  | {
      kind: 'cancel-cutoff-approaching';
      sittingName: string;
      startsAt: Date;
      cutoffAt: Date;
      signInLink: string;
    }
  /** Accommodation requests for a booked seat close soon, and none was made. */
  | {
      kind: 'accommodation-deadline-approaching';
      sittingName: string;
      startsAt: Date;
      deadlineAt: Date;
      signInLink: string;
    }
  /** A freed seat went to the first on the waitlist. */
  | {
      kind: 'waitlist-promoted';
      sittingName: string;
      startsAt: Date | null;
      sittingTimeZone: string;
      signInLink: string;
    }
  /** A coordinator declined an accommodation request, with the reason. */
  | {
      kind: 'accommodation-request-declined';
      sittingName: string;
      reason: string;
      signInLink: string;
    };

export type MailTemplate = AccountMail | NotificationMail;
export type MailKind = MailTemplate['kind'];

export interface OutgoingMail {
  /** Address. */
  to: string;
  recipientName?: string;
  /** Branding: the association's name in subject/body/footer; null for the programme's mail. */
  associationId: string | null;
  /** IANA zone of the recipient, for dates in the body; absent: the association's zone. */
  timeZone?: string;
  template: MailTemplate;
  /** Same key twice -> enqueued once (unique index); e.g. `reminder-24h:<enrolmentId>`. */
  dedupeKey?: string;
}

export interface MailOutbox {
  /**
   * Renders (subject, text, html from one template) and stores the message as queued, inside
   * the caller's transaction when given one, so the mail exists iff the change committed.
   * Inside an association-scoped transaction (withinScope) the mail must be that association's:
   * row-level security refuses any other association_id, and the programme's (null) too.
   */
  enqueue(mail: OutgoingMail, tx?: DbOrTx): Promise<{ id: string; duplicate: boolean }>;
}

/** Whose name a message carries. */
export interface MailBranding {
  name: string;
  shortName: string | null;
  contactEmail: string | null;
  /** The association's From: (e.g. `MI-AIMH <endorsement@mi-aimh.org>`); null: MAIL_FROM. */
  sender: string | null;
  /** The association's zone: the recipient's default. */
  timeZone: string;
}

/**
 * Reads an association's branding (auth owns the associations table; app.ts hands the reader
 * in). Given the caller's transaction, so a scoped caller reads its own association.
 */
export interface MailBrandingSource {
  brandingOf(associationId: string | null, tx?: DbOrTx): Promise<MailBranding>;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** What one template renders to: both bodies from the same content. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
  /** The link the server log prints on the embedded default (invitation, reset, unlock). */
  link: string | null;
}
