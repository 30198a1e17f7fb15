import type { z } from 'zod';

/**
 * Walks a zod (v4) request schema and names every place a client could send an unbounded value:
 * a string with no maximum length, an array with no maximum count, a record keyed by any string,
 * or a value the schema does not check at all (`unknown`, `any`, a loose object). Fastify's 1 MiB
 * body limit is the only cap such a value meets, and a few KB in a column with a B-tree index
 * breaks PostgreSQL's index row limit (a 500 instead of a 400).
 *
 * Paths read like the error paths the server reports: `items[].title`, `rules.*`.
 */
export function unboundedFields(schema: z.ZodType, path = ''): string[] {
  return walk(schema, path, new Set());
}

/** String formats whose own pattern caps the length (zod v4 `string_format` checks). */
const boundedFormats = new Set([
  'uuid',
  'guid',
  'cuid',
  'cuid2',
  'ulid',
  'nanoid',
  'date',
  'time',
  'datetime',
  'duration',
  'ipv4',
  'ipv6',
  'cidrv4',
  'cidrv6',
  'e164',
]);

interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  format?: string;
  pattern?: RegExp;
  [key: string]: unknown;
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/**
 * A regex caps the length when it is anchored at both ends and repeats nothing without limit:
 * `^[0-9a-f]{64}$` does, `^\d+$` or an unanchored pattern does not.
 */
function patternIsBounded(pattern: RegExp): boolean {
  const source = pattern.source.replace(/\\./g, 'x'); // an escaped `+` or `*` is a character
  const anchored = source.startsWith('^') && source.endsWith('$');
  return anchored && !/[*+]|\{\d*,\}/.test(source);
}

function formatIsBounded(format: string | undefined, pattern: RegExp | undefined): boolean {
  if (format === undefined) return false;
  if (format === 'regex') return pattern !== undefined && patternIsBounded(pattern);
  return boundedFormats.has(format);
}

function hasMaximum(def: Def): boolean {
  return (def.checks ?? []).some(({ _zod: { def: check } }) => {
    if (check.check === 'max_length' || check.check === 'length_equals') return true;
    return check.check === 'string_format' && formatIsBounded(check.format, check.pattern);
  });
}

function walk(schema: z.ZodType, path: string, seen: Set<unknown>): string[] {
  if (seen.has(schema)) return [];
  const def = defOf(schema);
  const here = path || '(root)';
  const inner = (child: unknown, childPath = path) =>
    walk(child as z.ZodType, childPath, new Set([...seen, schema]));
  switch (def.type) {
    case 'string':
    case 'template_literal':
      return hasMaximum(def) || formatIsBounded(def.format, def.pattern)
        ? []
        : [`${here}: string without a maximum length`];
    case 'array':
    case 'set': {
      const element = def.type === 'array' ? def['element'] : def['valueType'];
      const own = hasMaximum(def) ? [] : [`${here}: ${def.type} without a maximum count`];
      return [...own, ...inner(element, `${path}[]`)];
    }
    case 'object': {
      const shape = def['shape'] as Record<string, z.ZodType>;
      const fields = Object.entries(shape).flatMap(([key, field]) =>
        inner(field, path ? `${path}.${key}` : key),
      );
      const catchall = def['catchall'] as z.ZodType | undefined;
      if (catchall === undefined || defOf(catchall).type === 'never') return fields;
      return [...fields, ...inner(catchall, path ? `${path}.*` : '*')];
    }
    case 'record': {
      const keys = inner(def['keyType']).map(() => `${here}: record keyed by any string`);
      return [...keys, ...inner(def['valueType'], path ? `${path}.*` : '*')];
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return inner(def['innerType']);
    case 'pipe':
      return [...inner(def['in']), ...inner(def['out'])];
    case 'union':
      return (def['options'] as z.ZodType[]).flatMap((option) => inner(option));
    case 'intersection':
      return [...inner(def['left']), ...inner(def['right'])];
    case 'tuple': {
      const items = (def['items'] as z.ZodType[]).flatMap((item, i) =>
        inner(item, `${path}[${i}]`),
      );
      const rest = def['rest'] as z.ZodType | null;
      return rest ? [...items, `${here}: tuple with an unbounded rest`] : items;
    }
    case 'lazy':
      return inner((def['getter'] as () => z.ZodType)());
    case 'any':
    case 'unknown':
    case 'custom':
      return [`${here}: ${def.type} (not checked by the schema)`];
    // Numbers, booleans, enums, literals, dates, null: bounded by their type. A transform's input
    // is its pipe's `in`, walked above.
    default:
      return [];
  }
}
