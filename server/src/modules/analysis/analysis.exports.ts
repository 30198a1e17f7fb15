import ExcelJS from 'exceljs';
import type { ItemAnalysisResponse } from '@exam/shared/api';
import { toSafeCsv } from '../../lib/csv.js';

/** The item table as exported: one row per item, every figure, options A–D, flags. */
function itemTable(analysis: ItemAnalysisResponse) {
  const labels = analysis.items[0]?.options.map((o) => o.label) ?? ['A', 'B', 'C', 'D'];
  const header = [
    'Position',
    'Item id',
    'Item version',
    'Domain',
    'p',
    'Item-rest r',
    'Upper p',
    'Lower p',
    'D (upper-lower)',
    'Omit rate',
    'Alpha if deleted',
    'Key',
    ...labels.flatMap((l) => [`${l} share`, `${l} upper`, `${l} lower`, `${l} option-rest r`]),
    'Flags',
    'Correction',
  ];
  const rows = analysis.items.map((item) => [
    item.position,
    item.itemId,
    item.version,
    item.domain,
    item.p,
    item.itemRest,
    item.upperP,
    item.lowerP,
    item.discrimination,
    item.omitRate,
    item.alphaIfDeleted,
    item.options.find((o) => o.isKey)?.label ?? '',
    ...item.options.flatMap((o) => [o.proportion, o.upper, o.lower, o.optionRest]),
    item.flags.map((f) => `${f.code}: ${f.reason}`).join(' | '),
    item.correction ?? '',
  ]);
  return { header, rows };
}

/** The test and domain figures as label/value rows. */
function summaryTable(analysis: ItemAnalysisResponse) {
  const { test, scope } = analysis;
  const rows: (string | number | null)[][] = [
    ['Form', scope.formName],
    ['Endorsement', scope.endorsement],
    ['Sitting', scope.sittingName],
    ['Computed at', analysis.computedAt],
    ['Candidates', test.candidates],
    ['Items', test.items],
    ['Mean', test.mean],
    ['SD (n-1)', test.sd],
    ['Min', test.min],
    ['Max', test.max],
    ['KR-20 (alpha)', test.alpha],
    ['SEM', test.sem],
    ['Cut score', test.cutScore],
    ['Pass rate', test.passRate],
    ['Upper/lower group size', analysis.groupSize],
    ...analysis.domains.flatMap((d) => [
      [`${d.domain}: items`, d.items],
      [`${d.domain}: mean`, d.mean],
      [`${d.domain}: SD`, d.sd],
      [`${d.domain}: alpha`, d.alpha],
      [`${d.domain}: SEM`, d.sem],
    ]),
    ...test.distribution.map((count, score) => [`Candidates scoring ${score}`, count]),
    ...analysis.rules.map((rule) => ['Flag rule', rule]),
  ];
  return { header: ['Figure', 'Value'], rows };
}

/** CSV: the item table (one row per item), escaped against formula injection. */
export function analysisCsv(analysis: ItemAnalysisResponse): string {
  const { header, rows } = itemTable(analysis);
  return toSafeCsv(header, rows);
}

/** XLSX: a "Summary" sheet and an "Items" sheet, numbers stored as numbers. */
export async function analysisXlsx(analysis: ItemAnalysisResponse): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date(analysis.computedAt);
  for (const [name, table] of [
    ['Summary', summaryTable(analysis)],
    ['Items', itemTable(analysis)],
  ] as const) {
    const sheet = book.addWorksheet(name);
    sheet.addRow(table.header).font = { bold: true };
    // exceljs writes strings as shared strings (never formulas), so no escaping is needed here.
    for (const row of table.rows) sheet.addRow(row.map((v) => v ?? null));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
