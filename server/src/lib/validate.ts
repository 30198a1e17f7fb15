import type { z } from 'zod';
import { AppError } from './app-error.js';

type Issue = z.core.$ZodIssue;

/** `timeMultiplier` → "Time multiplier", `items.2.stem` → "Items 3 stem": a field as people say it. */
function fieldName(path: readonly PropertyKey[]): string {
  const words = path
    .map((part) =>
      typeof part === 'number'
        ? String(part + 1)
        : String(part)
            .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
            .replace(/[_-]+/g, ' ')
            .toLowerCase(),
    )
    .join(' ');
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'The request';
}

/** What a field of each type holds, as a sentence ends: "Shuffle should be true or false." */
const typeWords: Record<string, string> = {
  boolean: 'true or false',
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  array: 'a list',
  object: 'a group of fields',
};

// The validator's own wording; anything else is a sentence a schema wrote for people.
const defaultWording = /^(Invalid|Too big|Too small|Unrecognized)/;

/** One problem in words a person filling the form can act on. */
function sentenceOf(issue: Issue): string {
  if (!defaultWording.test(issue.message))
    return /[.?!]$/.test(issue.message) ? issue.message : `${issue.message}.`;
  const field = fieldName(issue.path);
  const unit = (origin: string) =>
    origin === 'string' ? ' characters' : origin === 'array' || origin === 'set' ? ' items' : '';
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'number' || issue.origin === 'bigint'
        ? `${field} must be at most ${String(issue.maximum)}.`
        : `${field} takes at most ${String(issue.maximum)}${unit(issue.origin)}.`;
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'bigint')
        return `${field} must be at least ${String(issue.minimum)}.`;
      return issue.origin === 'string' && Number(issue.minimum) === 1
        ? `${field} is required.`
        : `${field} takes at least ${String(issue.minimum)}${unit(issue.origin)}.`;
    case 'invalid_type':
      return /received undefined$/.test(issue.message)
        ? `${field} is required.`
        : `${field} should be ${typeWords[issue.expected] ?? issue.expected}.`;
    case 'invalid_format':
      return issue.format === 'email'
        ? `${field} is not an email address.`
        : `${field} is not in the expected form (${issue.format}).`;
    case 'invalid_value':
      return `${field} must be one of: ${issue.values.map(String).join(', ')}.`;
    case 'unrecognized_keys':
      return `${field} has fields it does not take: ${issue.keys.join(', ')}.`;
    default:
      return `${field}: ${issue.message}.`;
  }
}

/**
 * Parses untrusted input with a shared schema; a mismatch becomes VALIDATION_FAILED, its message
 * one sentence per problem (a schema's own sentence as written, the validator's put in words),
 * and `fields` each problem's path and the validator's message, for forms to mark the field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    const summary = [...new Set(result.error.issues.map(sentenceOf))].join(' ');
    throw new AppError('VALIDATION_FAILED', summary, 400, { fields });
  }
  return result.data;
}
