import type {
  CriterionScore,
  ReadingStatus,
  ScoreSheet,
  ScoreSheetRequest,
} from '@exam/shared/api';
import type { StoredCriterion, StoredScores } from '../../db/schema/grading.js';
import { AppError } from '../../lib/app-error.js';
import type { AssignmentRow } from './items.repo.js';

/** Score sheets: what a grader sends, how it is stored, and how it is shown again. */

export function readingStatusOf(row: Pick<AssignmentRow, 'status'>): ReadingStatus {
  return row.status === 'assigned' ? 'new' : (row.status as ReadingStatus);
}

/** The stored scores in rubric order, with an empty entry for each criterion not yet scored. */
export function presentScores(
  scores: StoredScores,
  criteria: readonly StoredCriterion[],
): CriterionScore[] {
  return criteria.map((c) => ({
    criterionId: c.id,
    level: scores[c.id]?.level ?? null,
    comment: scores[c.id]?.comment ?? '',
  }));
}

export function presentSheet(
  row: Pick<AssignmentRow, 'status' | 'scores' | 'flagged' | 'flagNote'>,
  criteria: readonly StoredCriterion[],
): ScoreSheet {
  return {
    status: readingStatusOf(row),
    scores: presentScores(row.scores, criteria),
    flagged: row.flagged,
    flagNote: row.flagNote,
  };
}

/**
 * Refuses a sheet made with another rubric version than the one its response is pinned to, before
 * anything is stored: a score made with one version is never counted as another's. The grader's
 * screen shows one version only, so this is a sheet from a page opened on another version.
 */
export function checkRubricVersion(sheet: ScoreSheetRequest, pinned: { version: number }): void {
  if (sheet.rubricVersion === pinned.version) return;
  throw new AppError(
    'RUBRIC_VERSION_MISMATCH',
    `Not saved: this response is scored with version ${pinned.version} of its rubric, and your sheet was made with version ${sheet.rubricVersion}. Reload the response to score it with version ${pinned.version}; copy any evidence you want to keep first.`,
    409,
    { pinnedVersion: pinned.version, sheetVersion: sheet.rubricVersion },
  );
}

/**
 * Checks a sheet against the response's rubric and turns it into stored scores. The sheet's
 * version was checked first (RUBRIC_VERSION_MISMATCH) and a version is locked once given out,
 * so a criterion the rubric does not have means a sheet that is not this rubric's: reload.
 * Submitting needs a level and an evidence comment on every criterion, and a note with a flag.
 */
export function toStoredScores(
  sheet: ScoreSheetRequest,
  criteria: readonly StoredCriterion[],
  submitting: boolean,
): StoredScores {
  const known = new Set(criteria.map((c) => c.id));
  const unknown = sheet.scores.filter((s) => !known.has(s.criterionId));
  if (unknown.length > 0) {
    throw new AppError(
      'RUBRIC_CHANGED',
      'This score sheet names a criterion that is not in the rubric this response is scored with. Reload the response and score it again.',
      409,
    );
  }
  const scores: StoredScores = {};
  for (const s of sheet.scores)
    scores[s.criterionId] = { level: s.level, comment: s.comment.trim() };
  if (!submitting) return scores;
  const problems: { path: string; message: string }[] = [];
  for (const c of criteria) {
    if (typeof scores[c.id]?.level !== 'number')
      problems.push({ path: `${c.id}.level`, message: `Choose a level for "${c.title}".` });
    if (!scores[c.id]?.comment)
      problems.push({ path: `${c.id}.comment`, message: `Write the evidence for "${c.title}".` });
  }
  if (sheet.flagged && sheet.flagNote.trim() === '')
    problems.push({ path: 'flagNote', message: 'Say why you ask for a second opinion.' });
  if (problems.length > 0) {
    throw new AppError(
      'SHEET_INCOMPLETE',
      `Not submitted: ${problems.map((p) => p.message).join(' ')}`,
      400,
      { fields: problems },
    );
  }
  return scores;
}
