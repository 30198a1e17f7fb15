import { z } from 'zod';
import {
  categories,
  examEndorsements,
  mentorTracks,
  type Category,
  type ExamEndorsement,
  type MentorTrack,
} from '@exam/shared/domain';
import { readCsvTable } from '../../lib/csv-read.js';

/** Four application deadlines a year bring tens to hundreds of approvals; more go in parts. */
export const MAX_AUTHORISATION_ROWS = 2000;

/** One approved application as the export gives it, with the problems found in the row alone. */
export interface CsvAuthorisationRow {
  line: number;
  email: string;
  /** The applicant's name; needed only to invite an address the association has no account for. */
  name: string | null;
  examEndorsement: ExamEndorsement | null;
  category: Category | null;
  track: MentorTrack | null;
  parts: (1 | 2)[];
  reference: string | null;
  errors: string[];
}

const required = ['email', 'exam_endorsement', 'category'] as const;
/** The limits of an authorisation entered by hand (authorisationInputSchema), cell by cell. */
const emailSchema = z.string().email().max(254);
const maxChars = { email: 254, name: 200, reference: 100 } as const;
const slug = (raw: string) =>
  raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** "1", "2", "1;2", "1 2", "both" or empty (both): the parts the application approves. */
function parseParts(raw: string): (1 | 2)[] | undefined {
  if (raw === '' || raw.toLowerCase() === 'both') return [1, 2];
  const found = new Set(raw.split(/[^0-9]+/).filter(Boolean));
  if ([...found].some((p) => p !== '1' && p !== '2') || found.size === 0) return undefined;
  return ([1, 2] as const).filter((p) => found.has(String(p)));
}

function readRow(line: number, cell: (name: string) => string): CsvAuthorisationRow {
  const errors: string[] = [];
  for (const [column, max] of Object.entries(maxChars)) {
    const length = cell(column).length;
    if (length > max) errors.push(`The ${column} has ${length} characters; at most ${max}.`);
  }
  const email = cell('email').toLowerCase();
  if (email === '') errors.push('The email is missing.');
  else if (email.length <= maxChars.email && !emailSchema.safeParse(email).success)
    errors.push(`"${email}" is not an email address.`);
  const endorsementRaw = cell('exam_endorsement').toUpperCase().replace(/[\s_]/g, '');
  const examEndorsement =
    examEndorsements.find((e) => e.replace('-', '') === endorsementRaw.replace('-', '')) ?? null;
  if (!examEndorsement) errors.push('The exam endorsement must be IMH-E or ECMH-E.');
  const category = categories.find((c) => c === slug(cell('category'))) ?? null;
  if (!category) errors.push(`"${cell('category')}" is not a category.`);
  const trackRaw = slug(cell('track'));
  const track =
    trackRaw === ''
      ? null
      : (mentorTracks.find((t) => t === trackRaw || t.startsWith(trackRaw)) ?? null);
  if (trackRaw !== '' && !track) errors.push(`"${cell('track')}" is not a Mentor track.`);
  if (category === 'mental-health-mentor' && !track) errors.push('A Mentor needs a track.');
  const parts = parseParts(cell('parts'));
  if (!parts) errors.push('Parts must be 1, 2 or both.');
  const reference = cell('reference') || null;
  return {
    line,
    email,
    name: cell('name') || null,
    examEndorsement,
    category,
    track,
    parts: parts ?? [],
    reference,
    errors,
  };
}

/**
 * Reads the application system's export (header row first; email, exam_endorsement, category,
 * and optionally name, track, parts, reference, in any order). Lines count the header as line 1.
 */
export function parseAuthorisationCsv(csv: string): {
  fileErrors: string[];
  rows: CsvAuthorisationRow[];
} {
  const { header, records, fileErrors } = readCsvTable(csv);
  if (!header) return { fileErrors, rows: [] };
  const columns = header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    fileErrors.push(
      `The header row lacks ${missing.join(', ')}. Expected: email, name, exam_endorsement, category, track, parts, reference.`,
    );
    return { fileErrors, rows: [] };
  }
  const rows: CsvAuthorisationRow[] = [];
  records.forEach((record, index) => {
    if (!record.some((c) => c.trim() !== '')) return;
    const cell = (name: string) => {
      const at = columns.indexOf(name);
      return at === -1 ? '' : (record[at] ?? '').trim();
    };
    rows.push(readRow(index + 2, cell));
  });
  if (rows.length === 0) fileErrors.push('The file has a header but no applications.');
  if (rows.length > MAX_AUTHORISATION_ROWS) {
    return {
      fileErrors: [`The file has ${rows.length} rows; import at most ${MAX_AUTHORISATION_ROWS}.`],
      rows: [],
    };
  }
  return { fileErrors, rows };
}
