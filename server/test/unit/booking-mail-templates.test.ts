import { describe, expect, it } from 'vitest';
import { renderMail, type MailBranding } from '../../src/modules/mail/index.js';

const branding: MailBranding = {
  name: 'Michigan Association',
  shortName: 'MI-AIMH',
  contactEmail: 'office@mi.test',
  sender: null,
  timeZone: 'America/Detroit',
};
const context = { branding, recipientName: 'Nora', timeZone: 'America/Detroit' };

/** The deadline reminders and the held-elsewhere notice, in text and HTML, dates in the zone. */
describe('booking mail templates', () => {
  it('remind of the free-cancellation cutoff with both dates in the recipient zone', () => {
    const mail = renderMail(
      {
        kind: 'cancel-cutoff-approaching',
        sittingName: 'Spring <sitting>',
        startsAt: new Date(Date.UTC(2027, 2, 15, 13, 0)),
        cutoffAt: new Date(Date.UTC(2027, 2, 13, 16, 0)),
        signInLink: 'https://exams.test/my-exam',
      },
      context,
    );
    expect(mail.subject).toContain('Free cancellation ends soon: Spring <sitting>');
    // Detroit moves to daylight time on 14 March 2027: the cutoff reads in EST, the start in EDT.
    expect(mail.text).toMatch(/11:00 AM \(America\/Detroit\)/);
    expect(mail.text).toMatch(/9:00 AM \(America\/Detroit\)/);
    expect(mail.html).toContain('Spring &lt;sitting&gt;');
    expect(mail.html).toContain('href="https://exams.test/my-exam"');
  });

  it('remind of the accommodation request deadline with a link to request', () => {
    const mail = renderMail(
      {
        kind: 'accommodation-deadline-approaching',
        sittingName: 'Spring sitting',
        startsAt: new Date(Date.UTC(2027, 2, 15, 13, 0)),
        deadlineAt: new Date(Date.UTC(2027, 2, 1, 13, 0)),
        signInLink: 'https://exams.test/accommodations',
      },
      context,
    );
    expect(mail.subject).toBe('Accommodation requests close soon: Spring sitting · MI-AIMH');
    expect(mail.text).toContain('8:00 AM (America/Detroit)');
    expect(mail.html).toContain('href="https://exams.test/accommodations"');
  });

  it('tell the holder of an account elsewhere that nothing was attached', () => {
    const mail = renderMail(
      { kind: 'authorisation-held-elsewhere', requestedBy: 'Other State Association' },
      { ...context, recipientName: null },
    );
    expect(mail.text).toContain('no authorisation to test was attached');
    expect(mail.html).toContain('Other State Association');
  });
});
