import type { FastifyInstance } from 'fastify';
import type { SittingInput } from '@exam/shared/api';
import { TEST_ORIGIN } from './test-app.js';

/** A signed-in caller of the JSON API, for the coordinator console's tests. */
export function apiAs(app: FastifyInstance, cookie: string) {
  async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
    const response = await app.inject({
      method,
      url,
      headers: { origin: TEST_ORIGIN, cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    // Tests read bodies freely; the shapes themselves are the routes' zod contracts.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body: any = response.body === '' ? undefined : safeJson(response.body);
    return { status: response.statusCode, body, raw: response };
  }
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload: unknown = {}) => call('POST', url, payload),
    put: (url: string, payload: unknown) => call('PUT', url, payload),
    delete: (url: string) => call('DELETE', url),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A complete sitting input; tests override what they are about. */
export function sittingInput(overrides: Partial<SittingInput> = {}): SittingInput {
  return {
    name: 'Spring sitting',
    applicationCycle: '2027-Q1',
    date: '2027-03-12',
    startTime: '09:30',
    startWindowMinutes: 60,
    timeZone: 'America/Detroit',
    remote: false,
    location: 'Conference room B, 100 Main St',
    part1Minutes: 90,
    part2Minutes: 90,
    forms: { 'IMH-E': null, 'ECMH-E': null },
    vignetteSetIds: [],
    proctorIds: [],
    policies: {
      spellcheck: false,
      paste: 'plain-text',
      wordLimit: 1500,
      partTwoPassingRule: {},
      seb: { required: false, configKeys: [], browserExamKeys: [] },
    },
    ...overrides,
  };
}
