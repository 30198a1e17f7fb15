import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { apiErrorSchema } from '@exam/shared/api';
import { essayValidationCodes } from '@exam/shared/editor';
import {
  errorCodeList,
  errorCodes,
  errorMeanings,
  isErrorCode,
  receivedErrorCodeSchema,
  type ErrorCode,
} from '@exam/shared/errors';
import { parseServerMessage } from '@exam/shared/protocol';
import { AppError } from '../../src/lib/app-error.js';
import errorHandler from '../../src/plugins/error-handler.js';

const serverSrc = join(import.meta.dirname, '../../src');

/**
 * Readiness problems (`NO_CANDIDATES`, `FORM_UNUSABLE`, ...) are a list inside one error's
 * details, not error codes: they never stand as a response's or frame's `code`.
 */
const notErrorCodes = new Set(['modules/sittings/readiness.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every SCREAMING_SNAKE literal the server throws, sends as a `code`, or compares a code with. */
function codesInServer(): Map<string, string> {
  const patterns = [
    /new AppError\(\s*'([A-Z][A-Z0-9_]*)'/g,
    /\bcode:\s*'([A-Z][A-Z0-9_]*)'/g,
    /\bcode\s*===\s*'([A-Z][A-Z0-9_]*)'/g,
  ];
  const found = new Map<string, string>();
  for (const file of sourceFiles(serverSrc)) {
    const name = relative(serverSrc, file);
    if (notErrorCodes.has(name)) continue;
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns)
      for (const match of text.matchAll(pattern)) found.set(match[1]!, name);
  }
  return found;
}

describe('the closed list of error codes', () => {
  it('holds every code the server throws, sends or compares', () => {
    const found = codesInServer();
    // The scan must see the server's codes, or this test would pass by finding nothing.
    expect(found.size).toBeGreaterThan(60);
    const unlisted = [...found].filter(([code]) => !isErrorCode(code));
    expect(unlisted).toEqual([]);
  });

  it('keeps the codes the client raises itself out of the server', () => {
    const clientOnly = errorCodeList.filter((code) => errorCodes[code].status === 0);
    expect(clientOnly).toEqual(['NETWORK_ERROR', 'BAD_RESPONSE', 'HTTP_ERROR', 'UNKNOWN_ERROR']);
    const found = codesInServer();
    expect(clientOnly.filter((code) => found.has(code))).toEqual([]);
  });

  it('holds every essay refusal the server sends as a draft.rejected code', () => {
    expect(essayValidationCodes.filter((code) => !isErrorCode(code))).toEqual([]);
  });

  it('gives every code an HTTP status and a one-line meaning', () => {
    for (const code of errorCodeList) {
      const { status } = errorCodes[code];
      const meaning = errorMeanings[code];
      expect(status === 0 || (status >= 200 && status < 600), code).toBe(true);
      expect(meaning, code).toMatch(/^[A-Z`].*\.$/);
      expect(meaning.includes('\n'), code).toBe(false);
    }
    expect(Object.keys(errorMeanings).sort()).toEqual([...errorCodeList].sort());
    expect(errorCodes.NOT_FOUND.status).toBe(404);
    expect(errorCodes.RESUME_CODE_REQUIRED.status).toBe(428);
  });

  it('reads a code from a newer server as UNKNOWN_ERROR instead of refusing the frame', () => {
    expect(receivedErrorCodeSchema.parse('PART_CLOSED')).toBe('PART_CLOSED');
    expect(receivedErrorCodeSchema.parse('SOMETHING_NEW')).toBe('UNKNOWN_ERROR');
    const frame = (code: string) =>
      JSON.stringify({ type: 'answer.rejected', serverTime: 1, seq: 7, code, message: 'No.' });
    expect(parseServerMessage(frame('PART_PAUSED'))).toMatchObject({ code: 'PART_PAUSED' });
    expect(parseServerMessage(frame('SOMETHING_NEW'))).toMatchObject({
      type: 'answer.rejected',
      seq: 7,
      code: 'UNKNOWN_ERROR',
      message: 'No.',
    });
  });
});

describe('AppError and the HTTP error shape', () => {
  it('takes its status from the list unless given the same one explicitly', () => {
    expect(new AppError('SITTING_LOCKED', 'Locked.').status).toBe(409);
    expect(new AppError('NOT_FOUND', 'No such sitting.', 404).status).toBe(404);
    expect(new AppError('VALIDATION_FAILED', 'Bad.', 400, [{ path: ['x'] }]).details).toEqual([
      { path: ['x'] },
    ]);
  });

  async function appThrowing(error: Error) {
    const app = Fastify({ logger: false });
    await app.register(errorHandler);
    app.get('/boom', async () => {
      throw error;
    });
    return app;
  }

  const cases: [Error, number, ErrorCode, string][] = [
    [new AppError('RUBRIC_LOCKED', 'Locked.'), 409, 'RUBRIC_LOCKED', 'Locked.'],
    [new AppError('INTERNAL', 'secret detail'), 500, 'INTERNAL', 'Internal error (request'],
    [new Error('disk on fire'), 500, 'INTERNAL', 'Internal error (request'],
    [Object.assign(new Error('Too much'), { statusCode: 413 }), 413, 'PAYLOAD_TOO_LARGE', 'Too'],
    [Object.assign(new Error('Slow down'), { statusCode: 429 }), 429, 'RATE_LIMITED', 'Slow'],
    [Object.assign(new Error('Bad JSON'), { statusCode: 400 }), 400, 'BAD_REQUEST', 'Bad JSON'],
  ];
  it.each(cases)('answers %s with %i %s in the shared shape', async (error, status, code, text) => {
    const app = await appThrowing(error);
    const response = await app.inject({ method: 'GET', url: '/boom' });
    await app.close();
    expect(response.statusCode).toBe(status);
    const body = apiErrorSchema.parse(response.json());
    expect(body.error.code).toBe(code);
    expect(body.error.message.startsWith(text)).toBe(true);
    // A 5xx never shows what went wrong inside.
    expect(response.body).not.toMatch(/secret detail|disk on fire/);
  });
});
