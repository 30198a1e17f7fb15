import PDFDocument from 'pdfkit';
import type { ReleasedResult } from '@exam/shared/api';
import type { Letterhead } from '../auth/index.js';
import { LETTER_FONT, registerLetterFonts } from './letter-fonts.js';

const { regular: REGULAR, bold: BOLD } = LETTER_FONT;

/** Everything a results letter prints; the service gathers it, this file only lays it out. */
export interface LetterContent {
  letterhead: Letterhead;
  identifier: string;
  /** The absolute address a reader checks the letter at. */
  verificationUrl: string;
  candidateName: string;
  endorsement: string;
  /** The sitting's date, already written out in the association's time zone. */
  sittingDate: string;
  issuedOn: string;
  /** When a key correction revised the result, in the association's time zone. */
  revisedOn: string | null;
  result: ReleasedResult;
}

const margin = 56;
const ink = '#1a1a1a';
const muted = '#555555';

/** A logo data: URL as bytes pdfkit can embed (it reads PNG and JPEG); null for anything else. */
function logoBytes(logo: string | null): Buffer | null {
  const match = logo?.match(/^data:image\/(?:png|jpe?g);base64,([A-Za-z0-9+/=\s]+)$/);
  return match ? Buffer.from(match[1]!, 'base64') : null;
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  doc.moveDown(0.8).font(BOLD).fontSize(13).fillColor(ink).text(text);
  doc.moveDown(0.3).font(REGULAR).fontSize(10.5);
}

function field(doc: PDFKit.PDFDocument, label: string, value: string) {
  doc.font(BOLD).text(`${label}: `, { continued: true });
  doc.font(REGULAR).text(value);
}

/** A paragraph set in from the margin on every line (pdfkit's `indent` moves the first only). */
function indented(doc: PDFKit.PDFDocument, text: string, by: number) {
  const left = margin + by;
  doc.text(text, left, doc.y, { width: doc.page.width - margin - left });
  doc.x = margin;
}

function bullets(doc: PDFKit.PDFDocument, lines: readonly string[]) {
  for (const line of lines) indented(doc, `•  ${line}`, 12);
}

function letterheadBlock(doc: PDFKit.PDFDocument, letterhead: Letterhead) {
  const logo = logoBytes(letterhead.logo);
  const top = doc.y;
  let textLeft = margin;
  if (logo) {
    try {
      doc.image(logo, margin, top, { fit: [64, 64] });
      textLeft = margin + 76;
    } catch {
      // A logo pdfkit cannot read (a corrupt upload) leaves the name alone, as with no logo.
    }
  }
  doc.font(BOLD).fontSize(17).fillColor(ink);
  doc.text(letterhead.name, textLeft, top);
  doc.font(REGULAR).fontSize(10).fillColor(muted);
  doc.text(`${letterhead.shortName} · ${letterhead.contactEmail}`, textLeft);
  doc.x = margin;
  doc.y = Math.max(doc.y, logo ? top + 70 : doc.y) + 8;
  doc
    .moveTo(margin, doc.y)
    .lineTo(doc.page.width - margin, doc.y)
    .strokeColor('#999999')
    .stroke();
  doc.moveDown(1).fillColor(ink).fontSize(10.5);
}

function partOne(doc: PDFKit.PDFDocument, result: ReleasedResult) {
  const p = result.partOne;
  heading(doc, `Part One: ${p.passed ? 'passed' : 'not passed'}`);
  doc.text(`${p.correct} of ${p.total} correct; the pass mark is ${p.cutScore}.`);
  doc.moveDown(0.3).font(BOLD).text('Part One by competency domain');
  doc.font(REGULAR);
  bullets(
    doc,
    p.domains.map(
      (d) =>
        `${d.label}: ${d.correct} of ${d.total}${d.belowExpectation ? ' (below expectation)' : ''}`,
    ),
  );
}

function partTwo(doc: PDFKit.PDFDocument, result: ReleasedResult) {
  const p = result.partTwo;
  heading(doc, `Part Two: ${p.passed ? 'passed' : 'not passed'}`);
  doc.text(
    `Each response passes with every criterion at level ${p.passingRule.minLevelPerCriterion} ` +
      `or above and a total of at least ${p.passingRule.minTotalPerResponse}.` +
      (p.missing > 0
        ? ` ${p.missing} of the ${p.required} required responses had no text to score.`
        : ''),
  );
  for (const response of p.responses) {
    doc.moveDown(0.5).font(BOLD);
    doc.text(
      `${response.vignetteTitle}: ${response.total} of ${response.max} ` +
        `(${response.passed ? 'passed' : 'not passed'})`,
    );
    doc.font(REGULAR);
    for (const criterion of response.criteria) {
      indented(doc, `${criterion.title}: level ${criterion.level} (${criterion.levelLabel})`, 12);
      doc.fillColor(muted);
      for (const comment of criterion.comments) indented(doc, `“${comment}”`, 24);
      doc.fillColor(ink);
    }
  }
}

function studyPointers(doc: PDFKit.PDFDocument, result: ReleasedResult) {
  heading(doc, 'Where to study next');
  if (result.studyPointers.length === 0) {
    doc.text('Every domain met expectation.');
    return;
  }
  for (const pointer of result.studyPointers) {
    doc.moveDown(0.4).font(BOLD).text(pointer.label).font(REGULAR);
    doc.text(pointer.summary);
    doc.text('Read about:');
    bullets(doc, pointer.readAbout);
    doc.text('Practise:');
    bullets(doc, pointer.practise);
  }
}

function verification(doc: PDFKit.PDFDocument, content: LetterContent) {
  heading(doc, 'Checking this letter');
  doc.text(
    'Anyone this letter is shown to can confirm it with the association at the address below, ' +
      "which shows the candidate's name, endorsement, result, sitting date and association.",
  );
  doc.moveDown(0.3);
  field(doc, 'Letter identifier', content.identifier);
  doc.font(BOLD).text('Verify at: ', { continued: true });
  doc
    .font(REGULAR)
    .fillColor('#0b4f9c')
    .text(content.verificationUrl, { link: content.verificationUrl, underline: true });
  doc.fillColor(ink);
}

/** Lays a released result out as a letter on the association's letterhead; resolves to the PDF. */
export function renderLetterPdf(content: LetterContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    info: {
      Title: `Results letter: ${content.candidateName}, ${content.result.sittingName}`,
      Author: content.letterhead.name,
      Subject: `Letter ${content.identifier}`,
    },
  });
  registerLetterFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  letterheadBlock(doc, content.letterhead);
  doc.font(BOLD).fontSize(15).text('Endorsement exam results');
  doc.moveDown(0.5).font(REGULAR).fontSize(10.5);
  field(doc, 'Candidate', content.candidateName);
  field(doc, 'Endorsement', content.endorsement);
  field(doc, 'Sitting', `${content.result.sittingName}, ${content.sittingDate}`);
  field(doc, 'Issued', content.issuedOn);
  doc.moveDown(0.6).font(BOLD).fontSize(12);
  doc.text(content.result.passed ? 'Result: passed' : 'Result: not passed');
  doc.font(REGULAR).fontSize(10.5);
  doc.text('Passing needs both parts.');
  if (content.result.revised) {
    doc.moveDown(0.3);
    field(doc, 'Revised', `${content.revisedOn ?? ''}: ${content.result.revised.reason}`);
  }
  partOne(doc, content.result);
  partTwo(doc, content.result);
  studyPointers(doc, content.result);
  verification(doc, content);
  doc.end();
  return done;
}
