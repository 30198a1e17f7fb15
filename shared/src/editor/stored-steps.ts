/**
 * How Part Two's patch log stores editor steps. Typing and deleting make nearly every step, and
 * as ProseMirror JSON each costs about 160 bytes of jsonb, most of a patch row and of its WAL:
 * those two shapes are stored as pairs instead, `[at, "text"]` for text typed at a position and
 * `[from, to]` for a deletion. Every other step (splits, marks, pastes, text with marks) is stored
 * as it came. Each step is compacted only when it has exactly the keys of its shape, so expanding
 * it gives back the same JSON, and a stored array may mix both forms.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasKeys = (value: Json, keys: string[]) => {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => Object.hasOwn(value, key));
};

function compactStep(step: unknown): unknown {
  if (!isObject(step) || step.stepType !== 'replace') return step;
  const { from, to, slice } = step;
  if (typeof from !== 'number' || typeof to !== 'number') return step;
  if (hasKeys(step, ['stepType', 'from', 'to'])) return [from, to];
  if (from !== to || !hasKeys(step, ['stepType', 'from', 'to', 'slice']) || !isObject(slice))
    return step;
  if (!hasKeys(slice, ['content']) || !Array.isArray(slice.content)) return step;
  const [node, ...rest] = slice.content as unknown[];
  if (rest.length > 0 || !isObject(node) || !hasKeys(node, ['type', 'text'])) return step;
  if (node.type !== 'text' || typeof node.text !== 'string') return step;
  return [from, node.text];
}

function expandStep(stored: unknown): unknown {
  if (!Array.isArray(stored) || stored.length !== 2 || typeof stored[0] !== 'number') return stored;
  const [from, second] = stored as [number, unknown];
  if (typeof second === 'number') return { stepType: 'replace', from, to: second };
  return {
    stepType: 'replace',
    from,
    to: from,
    slice: { content: [{ type: 'text', text: second }] },
  };
}

/** Steps as the patch log stores them. */
export function compactSteps(steps: readonly unknown[]): unknown[] {
  return steps.map(compactStep);
}

/** Stored steps back as the editor's JSON (steps stored as they came pass through). */
export function expandSteps(stored: readonly unknown[]): unknown[] {
  return stored.map(expandStep);
}

/**
 * A row of the patch log: one patch, or several consecutive patches of one connection that
 * reached the same group commit, stored as one row (patch-writer.ts). Such a row runs from the
 * first patch's `base` to the last one's `revision` with all their steps in order; `marks` gives,
 * for each patch before the last, the revision it made and the number of steps up to and
 * including it, so every acknowledged revision can still be rebuilt.
 */
export interface PatchRow {
  base: number;
  revision: number;
  steps: unknown[];
  marks?: readonly number[] | null;
}

/** The patches the rows hold, one per acknowledged revision, in the rows' order. */
export function splitPatchRows<R extends PatchRow>(rows: readonly R[]): R[] {
  return rows.flatMap((row) => {
    const { marks } = row;
    if (!marks || marks.length === 0) return [row];
    const patches: R[] = [];
    let base = row.base;
    let from = 0;
    for (let i = 0; i + 1 < marks.length; i += 2) {
      const revision = marks[i] ?? 0;
      const to = marks[i + 1] ?? 0;
      patches.push({ ...row, base, revision, steps: row.steps.slice(from, to), marks: null });
      base = revision;
      from = to;
    }
    patches.push({ ...row, base, steps: row.steps.slice(from), marks: null });
    return patches;
  });
}
