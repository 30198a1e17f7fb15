import { describe, expect, it } from 'vitest';
import { renderLetterPdf, type LetterContent } from '../src/modules/results/letters.pdf.js';
import { pdfText, squeezed } from './helpers/pdf-text.js';

/** A released result with one domain, one response and one study pointer, in names from abroad. */
const content: LetterContent = {
  letterhead: {
    name: 'Związek Zdrowia Psychicznego Niemowląt',
    shortName: 'ZZPN',
    contactEmail: 'biuro@example.org',
    logo: null,
    timeZone: 'Europe/Warsaw',
  },
  identifier: 'LTR-0001',
  verificationUrl: 'https://exam.example.org/verify/LTR-0001',
  candidateName: 'Łukasz Żółć-Nguyễn',
  endorsement: 'IMH-E',
  sittingDate: '3 March 2027',
  issuedOn: '1 April 2027',
  revisedOn: null,
  result: {
    status: 'released',
    sittingName: 'Spring sitting',
    releasedAt: '2027-04-01T12:00:00.000Z',
    passed: true,
    partOne: {
      correct: 80,
      total: 100,
      cutScore: 70,
      passed: true,
      domains: [
        {
          domain: 'communicating',
          label: 'Communicating',
          correct: 9,
          total: 10,
          belowExpectation: false,
        },
      ],
    },
    partTwo: {
      passed: true,
      required: 1,
      missing: 0,
      passingRule: { minLevelPerCriterion: 2, minTotalPerResponse: 5 },
      responses: [
        {
          vignetteTitle: 'Ola and her mother',
          total: 6,
          max: 8,
          passed: true,
          criteria: [
            {
              title: 'Reflection',
              domain: 'reflection',
              level: 3,
              levelLabel: 'Proficient',
              belowExpectation: false,
              comments: ['Named Ołeksandra’s worry — well done'],
            },
          ],
        },
      ],
    },
    studyPointers: [],
  },
};

describe('results letter PDF', () => {
  it('prints names outside Windows-1252 as written, so a reader extracts the same text', async () => {
    const pdf = await renderLetterPdf(content);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    const { text } = await pdfText(pdf);
    for (const phrase of [
      'Łukasz Żółć-Nguyễn',
      'Związek Zdrowia Psychicznego Niemowląt',
      'Named Ołeksandra’s worry — well done',
    ])
      expect(squeezed(text)).toContain(squeezed(phrase));
  });
});
