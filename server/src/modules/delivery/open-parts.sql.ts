/**
 * The common start of both group-commit statements (answers, draft patches): the attempts among
 * `attemptIds` whose part takes saves (started, not closed, deadline not before `cutoff`, which is
 * now less the grace), locked FOR SHARE so a part that is closing waits for the batch, and then
 * scores or folds what the batch stored. Arguments are the statement's placeholders. Each row
 * carries the part's `version`, so a writer can refuse a save decided on an outdated copy.
 */
export function openPartsCte(part: 1 | 2, params: { attemptIds: string; cutoff: string }): string {
  return `open_parts AS (
  SELECT attempt_id, version FROM attempt_parts
  WHERE part = ${part} AND attempt_id = ANY(${params.attemptIds}::uuid[])
    AND started_at IS NOT NULL AND closed_at IS NULL
    AND (deadline_at IS NULL OR deadline_at >= ${params.cutoff}::timestamptz)
  FOR SHARE
)`;
}
