import { describe, expect, it } from 'vitest';
import { renderMail, type MailBranding } from '../../src/modules/mail/index.js';

const branding: MailBranding = {
  name: 'Michigan <Association> & "Friends"',
  shortName: 'MI-AIMH',
  contactEmail: 'office@mi.test',
  sender: null,
  timeZone: 'America/Detroit',
};

/** The value of one iCalendar property, with folded lines joined. */
function icsProperty(ics: string, name: string): string | undefined {
  const unfolded = ics.replace(/\r?\n[ \t]/g, '');
  return new RegExp(`^${name}(?:;[^:]*)?:(.*)$`, 'm').exec(unfolded)?.[1]?.trim();
}

function icsInstant(value: string | undefined): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) throw new Error(`not a UTC instant: ${value}`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d, h, mi, s);
}

describe('mail templates', () => {
  it('escape HTML everywhere and carry the association name in subject, body and footer', () => {
    const mail = renderMail(
      {
        kind: 'invitation',
        recipientName: '<script>alert(1)</script>',
        roleLabel: 'a "candidate"',
        link: 'https://exams.test/invitation?token=a&b=<c>',
        expiresAt: new Date(Date.UTC(2027, 0, 10, 17, 0)),
      },
      { branding, recipientName: '<script>alert(1)</script>', timeZone: 'America/Detroit' },
    );
    expect(mail.subject).toContain('MI-AIMH');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('Michigan &lt;Association&gt; &amp; &quot;Friends&quot;');
    expect(mail.html).toContain('href="https://exams.test/invitation?token=a&amp;b=%3Cc%3E"');
    expect(mail.html).toContain('mailto:office@mi.test');
    expect(mail.text).toContain('Michigan <Association> & "Friends"');
    expect(mail.text).toContain('https://exams.test/invitation?token=a&b=<c>');
    // Noon in Detroit on 10 January: the recipient's zone, named.
    expect(mail.text).toContain('12:00 PM (America/Detroit)');
    expect(mail.link).toBe('https://exams.test/invitation?token=a&b=<c>');
  });

  it('never turns a javascript: link into a link', () => {
    const mail = renderMail(
      { kind: 'password-reset', link: 'javascript:alert(1)', expiresAt: new Date() },
      { branding, recipientName: null, timeZone: 'UTC' },
    );
    expect(mail.html).not.toContain('href="javascript:');
  });

  it('sends a sitting in both zones with an .ics at the right UTC instants, and no scores on release', () => {
    const startsAt = new Date(Date.UTC(2027, 2, 12, 13, 30));
    const endsAt = new Date(Date.UTC(2027, 2, 12, 17, 0));
    const mail = renderMail(
      {
        kind: 'sitting-moved',
        previousStartsAt: new Date(Date.UTC(2027, 2, 10, 13, 30)),
        sequence: 1,
        sittingId: '00000000-0000-4000-8000-0000000000aa',
        enrolmentId: '00000000-0000-4000-8000-0000000000bb',
        sittingName: 'Spring sitting, Detroit',
        startsAt,
        endsAt,
        sittingTimeZone: 'America/Detroit',
        place: 'Room 4, 1 Main St; Detroit',
        remoteLink: null,
        whatToBring: ['Photo ID'],
        signInLink: 'https://exams.test/',
      },
      { branding, recipientName: 'Casey', timeZone: 'Asia/Tokyo' },
    );
    expect(mail.text).toContain('(Asia/Tokyo)');
    expect(mail.text).toContain('(America/Detroit)');
    expect(mail.text).toContain('Photo ID');
    const ics = mail.attachments[0]!.content;
    expect(mail.attachments[0]!.filename).toBe('sitting.ics');
    expect(icsInstant(icsProperty(ics, 'DTSTART'))).toBe(startsAt.getTime());
    expect(icsInstant(icsProperty(ics, 'DTEND'))).toBe(endsAt.getTime());
    expect(icsProperty(ics, 'UID')).toBe(
      'enrolment-00000000-0000-4000-8000-0000000000bb@exam-platform',
    );
    expect(icsProperty(ics, 'SEQUENCE')).toBe('1');
    expect(icsProperty(ics, 'LOCATION')).toBe('Room 4\\, 1 Main St\\; Detroit');

    const released = renderMail(
      {
        kind: 'results-released',
        sittingName: 'Spring sitting',
        signInLink: 'https://exams.test/',
      },
      { branding, recipientName: 'Casey', timeZone: 'UTC' },
    );
    expect(released.text).not.toMatch(/\d+\s*%|score|passed|failed/i);
    expect(released.html).toContain('href="https://exams.test/"');
  });
});
