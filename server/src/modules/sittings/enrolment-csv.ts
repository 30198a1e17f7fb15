import { z } from 'zod';
import {
  categories,
  mentorTracks,
  type Category,
  type Endorsement,
  type ExamEndorsement,
  type MentorTrack,
} from '@exam/shared/domain';
import { readCsvTable } from '../../lib/csv-read.js';

/** Larger cohorts are imported in several files; a sitting has tens to hundreds of candidates. */
export const MAX_IMPORT_ROWS = 2000;

/** One data row, its values normalised, with the problems found in the row itself. */
export interface CsvEnrolmentRow {
  line: number;
  email: string;
  /** False when the email is missing or malformed: no account checks apply then. */
  emailValid: boolean;
  displayName: string;
  endorsement: Endorsement | null;
  category: Category | null;
  track: MentorTrack | null;
  examEndorsement: ExamEndorsement | null;
  errors: string[];
}

export interface ParsedEnrolmentCsv {
  fileErrors: string[];
  rows: CsvEnrolmentRow[];
}

const requiredColumns = ['email', 'endorsement', 'category'] as const;
/** The limits of a candidate enrolled by hand (enrolOneRequestSchema). */
const emailSchema = z.string().email().max(254);
const maxChars = { email: 254, name: 200 } as const;

function headerKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function parseEndorsement(raw: string): Endorsement | undefined {
  const key = raw.toUpperCase().replace(/[\s_-]/g, '');
  return ({ IMHE: 'IMH-E', ECMHE: 'ECMH-E', IECMHE: 'IECMH-E' } as const)[key as 'IMHE'];
}

/** Accepts the slug or the wording on a certificate ("Infant Mental Health Mentor"). */
function parseCategory(raw: string): Category | 'ambiguous' | undefined {
  const key = raw
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '')
    .replace(/^(infant|early-childhood)-/, '');
  if (key === 'mentor') return 'mental-health-mentor';
  if (key === 'specialist') return 'ambiguous';
  return categories.find((c) => c === key);
}

function parseTrack(raw: string): MentorTrack | undefined {
  const key = raw
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');
  if (key === 'research') return 'research-faculty';
  return mentorTracks.find((t) => t === key);
}

/**
 * Reads an enrolment CSV (header row first; columns email, name, endorsement, category, track,
 * exam_endorsement, in any order) and checks each row on its own. Rows are numbered as lines,
 * the header being line 1; blank lines are skipped but still counted.
 */
export function parseEnrolmentCsv(csv: string): ParsedEnrolmentCsv {
  const { header, records, fileErrors } = readCsvTable(csv);
  if (!header) return { fileErrors, rows: [] };
  const columns = header.map(headerKey);
  const missing = requiredColumns.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    fileErrors.push(
      `The header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. ` +
        'Expected: email, name, endorsement, category, track, exam_endorsement.',
    );
    return { fileErrors, rows: [] };
  }
  const nonBlank = records.filter((r) => r.some((cell) => cell.trim() !== ''));
  if (nonBlank.length === 0) fileErrors.push('The file has a header but no candidates.');
  if (nonBlank.length > MAX_IMPORT_ROWS) {
    fileErrors.push(
      `The file has ${nonBlank.length} rows; import at most ${MAX_IMPORT_ROWS} at once.`,
    );
    return { fileErrors, rows: [] };
  }

  const rows: CsvEnrolmentRow[] = [];
  records.forEach((record, index) => {
    if (!record.some((cell) => cell.trim() !== '')) return;
    const cell = (name: string) => {
      const at = columns.indexOf(name);
      return at === -1 ? '' : (record[at] ?? '').trim();
    };
    rows.push(readRow(index + 2, cell));
  });
  return { fileErrors, rows };
}

function readRow(line: number, cell: (name: string) => string): CsvEnrolmentRow {
  const errors: string[] = [];
  for (const [column, max] of Object.entries(maxChars)) {
    const length = cell(column).length;
    if (length > max) errors.push(`The ${column} has ${length} characters; at most ${max}.`);
  }
  const email = cell('email').toLowerCase();
  const emailValid = emailSchema.safeParse(email).success;
  if (email === '') errors.push('The email is missing.');
  else if (!emailValid && email.length <= maxChars.email)
    errors.push(`"${email}" is not an email address.`);

  const rawEndorsement = cell('endorsement');
  const endorsement = parseEndorsement(rawEndorsement) ?? null;
  if (!endorsement) {
    errors.push(
      rawEndorsement === ''
        ? 'The endorsement is missing: use IMH-E, ECMH-E or IECMH-E.'
        : `Unknown endorsement "${rawEndorsement}": use IMH-E, ECMH-E or IECMH-E.`,
    );
  }

  const rawCategory = cell('category');
  const category = parseCategory(rawCategory);
  if (category === 'ambiguous') {
    errors.push(
      '"Specialist" could be a Family Specialist or a Mental Health Specialist: write mental-health-specialist.',
    );
  } else if (!category) {
    errors.push(
      rawCategory === ''
        ? 'The category is missing.'
        : `Unknown category "${rawCategory}": use ${categories.join(', ')}.`,
    );
  }

  const rawTrack = cell('track');
  const track = rawTrack === '' ? null : (parseTrack(rawTrack) ?? null);
  if (rawTrack !== '' && !track) {
    errors.push(`Unknown track "${rawTrack}": use clinical, policy or research-faculty.`);
  }

  const rawExam = cell('exam_endorsement');
  const exam = rawExam === '' ? null : (parseEndorsement(rawExam) ?? null);
  if (rawExam !== '' && (exam === null || exam === 'IECMH-E')) {
    errors.push(`Unknown exam endorsement "${rawExam}": use IMH-E or ECMH-E.`);
  }

  return {
    line,
    email,
    emailValid,
    displayName: cell('name'),
    endorsement,
    category: category === 'ambiguous' ? null : (category ?? null),
    track,
    examEndorsement: exam === 'IECMH-E' ? null : exam,
    errors,
  };
}
