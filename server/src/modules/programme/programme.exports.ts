import ExcelJS from 'exceljs';
import type { ProgrammeOverview, ProgrammeView } from '@exam/shared/api';
import { toSafeCsv } from '../../lib/csv.js';

type Cell = string | number | boolean | null;
interface Table {
  header: string[];
  rows: Cell[][];
}

/** Each view as one table: the CSV of that view and one sheet of the workbook are the same rows. */
const tables: Record<ProgrammeView, (figures: ProgrammeOverview) => Table> = {
  calendar: (f) => ({
    header: ['Month', 'Starts at (UTC)', 'Time zone', 'Sitting', 'Association', 'Status', 'When'],
    rows: f.calendar.map((c) => [
      c.month ?? 'unscheduled',
      c.startsAt,
      c.timeZone,
      c.name,
      c.association,
      c.status,
      c.upcoming ? 'upcoming' : 'past',
    ]),
  }),
  'candidates-per-cycle': (f) => ({
    header: ['Association', 'Application deadline', 'Candidates'],
    rows: f.candidatesPerCycle.map((c) => [
      c.association,
      c.cycle ?? 'no deadlines set',
      c.candidates,
    ]),
  }),
  'pass-rates': (f) => ({
    header: ['Association', 'Endorsement', 'Released', 'Passed', 'Pass rate (%)'],
    rows: f.passRates.map((p) => [p.association, p.endorsement, p.released, p.passed, p.passRate]),
  }),
  'domain-means': (f) => ({
    header: ['Association', 'Endorsement', 'Domain', 'Candidates', 'Mean percent correct'],
    rows: f.domainMeans.map((d) => [
      d.association,
      d.endorsement,
      d.label,
      d.candidates,
      d.meanPercent,
    ]),
  }),
  grading: (f) => ({
    header: ['Association', 'Responses', 'Scored', 'Awaiting', 'Median hours to final score'],
    rows: f.grading.map((g) => [
      g.association,
      g.responses,
      g.scored,
      g.awaiting,
      g.medianHoursToFinal,
    ]),
  }),
};

const sheetNames: Record<ProgrammeView, string> = {
  calendar: 'Sittings calendar',
  'candidates-per-cycle': 'Candidates per cycle',
  'pass-rates': 'Pass rates',
  'domain-means': 'Part One domain means',
  grading: 'Grading',
};

/** One view as CSV, every cell escaped against formula injection (a sitting's name is free text). */
export function programmeCsv(figures: ProgrammeOverview, view: ProgrammeView): string {
  const { header, rows } = tables[view](figures);
  return toSafeCsv(header, rows);
}

/**
 * Every view as a sheet, plus appeals. exceljs (already used for item analysis) writes numbers
 * as numbers and strings as shared strings, never formulas, so no escaping is needed here.
 */
export async function programmeXlsx(figures: ProgrammeOverview): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date(figures.computedAt);
  for (const view of Object.keys(tables) as ProgrammeView[]) {
    const { header, rows } = tables[view](figures);
    const sheet = book.addWorksheet(sheetNames[view]);
    sheet.addRow(header).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
  }
  const appeals = book.addWorksheet('Appeals');
  appeals.addRow(['Appeals', 'Note']).font = { bold: true };
  appeals.addRow([figures.appeals.count, figures.appeals.note]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
