import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as api from '@exam/shared/api';
import { unboundedFields } from '../helpers/unbounded-fields.js';

/**
 * Every string and array a client sends over HTTP has a maximum, so an over-long value is a 400
 * naming the field rather than a 500 from PostgreSQL ("index row size exceeds maximum") or a
 * bloated row and audit entry. The walk covers every schema a server handler hands to
 * `parseInput`, wherever it is declared, and every shared export named as a request schema.
 */

const serverSrc = join(import.meta.dirname, '../../src');

/**
 * Fields allowed to stay unbounded, each with the reason. Keys are `schema name: field path`.
 * Keep this short: a maximum is almost always the right answer.
 */
const allowlist = new Map<string, string>([
  // Uploads in base64: the cap is a configured byte count (CHECK_IN_PHOTO_MAX_BYTES,
  // ACCOMMODATION_DOCUMENT_MAX_BYTES), so the route sets its bodyLimit from it (413 beyond) and
  // lib/upload-bytes.ts refuses a larger file by its decoded size, naming the limit (400).
  ['checkInPhotoUploadSchema: dataBase64', 'a configured byte cap'],
  ['accommodationRequestInputSchema: documents[].dataBase64', 'a configured byte cap'],
]);

const requestNamePattern = /(RequestSchema|Params|ParamsSchema|Query|QuerySchema)$/;

/** Named for the domain's "accommodation request" or "retake request": what the server sends. */
const responsesNamedAsRequests = new Set([
  'accommodationRequestSchema',
  'exportedAccommodationRequestSchema',
  'exportedRetakeRequestSchema',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The text of a top-level `const name = ...;`, up to the semicolon that closes it. */
function localDefinition(text: string, name: string): string | undefined {
  const start = new RegExp(`^(?:export )?const ${name}\\s*=\\s*`, 'm').exec(text);
  if (!start) return undefined;
  let depth = 0;
  let quote: string | null = null;
  for (let i = start.index + start[0].length; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ';' && depth === 0) return text.slice(start.index + start[0].length, i);
  }
  return undefined;
}

/** `local name -> [module specifier, exported name]` for the file's value imports. */
function namedImports(text: string): Map<string, [string, string]> {
  const found = new Map<string, [string, string]>();
  for (const match of text.matchAll(/^import\s+(?!type\b)\{([^}]*)\}\s+from\s+'([^']+)'/gm)) {
    for (const part of match[1]!.split(',')) {
      const item = part.trim();
      if (!item || item.startsWith('type ')) continue;
      const [exported, local = exported] = item.split(/\s+as\s+/) as [string, string?];
      found.set(local, [match[2]!, exported]);
    }
  }
  return found;
}

/**
 * Resolves the schema a file passes to `parseInput` under `name`: an import is loaded, a local
 * `const` is evaluated with zod and the file's other imports and constants in scope.
 */
async function resolveSchema(file: string, text: string, name: string): Promise<z.ZodType> {
  const imported = namedImports(text).get(name);
  if (imported) {
    const [specifier, exported] = imported;
    const url = specifier.startsWith('.')
      ? pathToFileURL(resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))).href
      : specifier;
    const module = (await import(url)) as Record<string, z.ZodType>;
    return module[exported]!;
  }
  const expression = localDefinition(text, name);
  if (expression === undefined) throw new Error(`${name}: neither imported nor a local const`);
  const scope: Record<string, unknown> = { z };
  // Names the expression reads: not a property after a dot, nor an object key before a colon.
  const identifiers = new Set(
    [...expression.matchAll(/(?<![.\w$])([A-Za-z_$][\w$]*)(?!\s*:)/g)].map((m) => m[1]!),
  );
  for (const identifier of identifiers) {
    if (identifier === 'z' || identifier === name) continue;
    if (namedImports(text).has(identifier) || localDefinition(text, identifier) !== undefined)
      scope[identifier] = await resolveSchema(file, text, identifier);
  }
  const evaluate = new Function(...Object.keys(scope), `return (${expression});`) as (
    ...args: unknown[]
  ) => z.ZodType;
  return evaluate(...Object.values(scope));
}

/** `file: schema name -> schema` for every `parseInput(schema, ...)` in server/src. */
async function parsedSchemas(): Promise<Map<string, z.ZodType>> {
  const found = new Map<string, z.ZodType>();
  for (const file of sourceFiles(serverSrc)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bparseInput\(\s*([A-Za-z_$][\w$]*)\s*,/g)) {
      const key = `${relative(serverSrc, file)}: ${match[1]}`;
      if (!found.has(key)) found.set(key, await resolveSchema(file, text, match[1]!));
    }
  }
  return found;
}

/** `schema name: field: what is unbounded`, for every schema given. */
function unbounded(schemas: Iterable<[string, z.ZodType]>): string[] {
  return [...schemas].flatMap(([name, schema]) =>
    unboundedFields(schema).map((field) => `${name.replace(/^.*: /, '')}: ${field}`),
  );
}

/** The allowlist's key for a finding: its schema and field, without what is wrong. */
const allowlistKey = (finding: string) => finding.replace(/: [^:]*$/, '');

describe('request schemas', () => {
  it('bound every string and array a handler parses with parseInput', async () => {
    const schemas = await parsedSchemas();
    // The scan must find the handlers' schemas, or this test would pass by finding nothing.
    expect(schemas.size).toBeGreaterThan(150);
    const found = unbounded(schemas);
    expect(found.filter((finding) => !allowlist.has(allowlistKey(finding)))).toEqual([]);
    // An entry nothing needs any more goes, so the list stays the few that are truly needed.
    const needed = new Set(found.map(allowlistKey));
    expect([...allowlist.keys()].filter((key) => !needed.has(key))).toEqual([]);
  }, 60_000);

  it('bound every string and array of a shared export named as a request schema', () => {
    const named = Object.entries(api as Record<string, unknown>).flatMap(([name, value]) =>
      requestNamePattern.test(name) &&
      !responsesNamedAsRequests.has(name) &&
      value instanceof z.ZodType
        ? [[name, value] as [string, z.ZodType]]
        : [],
    );
    expect(named.length).toBeGreaterThan(50);
    const found = unbounded(named);
    expect(found.filter((finding) => !allowlist.has(allowlistKey(finding)))).toEqual([]);
  });

  it('finds what it guards against', () => {
    const loose = z.object({
      id: z.string().uuid(),
      key: z.string().regex(/^[0-9a-f]{64}$/),
      name: z.string().trim().max(200),
      note: z.string().trim(),
      slug: z.string().regex(/^[a-z-]+$/),
      tags: z.array(z.string().max(50)),
      rules: z.record(z.string(), z.number()),
      extra: z.unknown(),
      email: z.string().email().optional(),
      nested: z.object({ items: z.array(z.object({ text: z.string() })).max(5) }).nullable(),
    });
    expect(unboundedFields(loose)).toEqual([
      'note: string without a maximum length',
      'slug: string without a maximum length',
      'tags: array without a maximum count',
      'rules: record keyed by any string',
      'extra: unknown (not checked by the schema)',
      'email: string without a maximum length',
      'nested.items[].text: string without a maximum length',
    ]);
  });
});
