import type { z } from 'zod';
import { AppError } from './app-error.js';

/** Parses untrusted input with a shared schema; a mismatch becomes VALIDATION_FAILED naming the fields. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    const summary = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ');
    throw new AppError('VALIDATION_FAILED', `Invalid input: ${summary}`, 400, { fields });
  }
  return result.data;
}
