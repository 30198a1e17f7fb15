import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/app-error.js';
import { parseInput } from '../../src/lib/validate.js';

/** The message and fields a refused input gets. */
function refusal(schema: z.ZodType, input: unknown) {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, details: error.details };
  }
  throw new Error('expected a refusal');
}

const schema = z.strictObject({
  displayName: z.string().min(1).max(200),
  email: z.string().email(),
  timeMultiplier: z.number().refine((n) => n <= 3, 'The time multiplier is at most 3'),
  items: z.array(z.strictObject({ stem: z.string().max(5) })).max(2),
  role: z.enum(['grader', 'proctor']),
  count: z.number().int(),
});
const valid = {
  displayName: 'Ada',
  email: 'ada@example.test',
  timeMultiplier: 1,
  items: [],
  role: 'grader',
  count: 1,
};

describe('a refused input, in words', () => {
  it("puts the validator's findings in words, naming each field as people say it", () => {
    expect(refusal(schema, { ...valid, displayName: 'x'.repeat(201) }).message).toBe(
      'Display name takes at most 200 characters.',
    );
    expect(refusal(schema, { ...valid, displayName: '' }).message).toBe(
      'Display name is required.',
    );
    expect(refusal(schema, { ...valid, email: 'no' }).message).toBe(
      'Email is not an email address.',
    );
    expect(refusal(schema, { ...valid, items: [{ stem: 'toolong' }] }).message).toBe(
      'Items 1 stem takes at most 5 characters.',
    );
    expect(refusal(schema, { ...valid, items: [{}, {}, {}] }).message).toContain(
      'Items takes at most 2 items.',
    );
    expect(refusal(schema, { ...valid, role: 'chef' }).message).toBe(
      'Role must be one of: grader, proctor.',
    );
    expect(refusal(schema, { ...valid, count: 1.5 }).message).toBe(
      'Count should be a whole number.',
    );
    expect(refusal(schema, { ...valid, extra: 1 }).message).toBe(
      'The request has fields it does not take: extra.',
    );
    const { email: _omitted, ...withoutEmail } = valid;
    expect(refusal(schema, withoutEmail).message).toBe('Email is required.');
  });

  it("keeps a schema's own sentence as written, and each field's path and finding for forms", () => {
    const refused = refusal(schema, { ...valid, timeMultiplier: 4, displayName: '' });
    expect(refused.message).toBe('Display name is required. The time multiplier is at most 3.');
    expect(refused.details).toEqual({
      fields: [
        { path: 'displayName', message: 'Too small: expected string to have >=1 characters' },
        { path: 'timeMultiplier', message: 'The time multiplier is at most 3' },
      ],
    });
  });
});
