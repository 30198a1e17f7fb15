import type { MailAttachment, MailBranding } from '../mail.types.js';

/**
 * What a template says, independent of HTML or text: the layout renders both bodies from it,
 * so the two can never disagree. Every string here is plain text; only the layout escapes.
 */
export type MailBlock =
  | { type: 'paragraph'; text: string }
  /** Label and value pairs: when, where, what to bring. */
  | { type: 'facts'; rows: ReadonlyArray<readonly [string, string]> }
  | { type: 'list'; items: readonly string[] }
  /** The one thing to do: a button in HTML, the bare link in text. */
  | { type: 'action'; label: string; href: string };

export interface MailContent {
  /** Without the association: the layout adds its name. */
  subject: string;
  blocks: MailBlock[];
  attachments?: MailAttachment[];
  /** The link the server log prints on the embedded default. */
  logLink?: string;
}

/** What every template is given besides its own fields. */
export interface TemplateContext {
  branding: MailBranding;
  recipientName: string | null;
  /** The recipient's zone (theirs, else their association's). */
  timeZone: string;
}
