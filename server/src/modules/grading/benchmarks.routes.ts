import { gradingStandardKeepers } from '@exam/shared/domain';
import type { FastifyInstance } from 'fastify';
import {
  calibrationSettingsSchema,
  createBenchmarkRequestSchema,
  rubricVariantSchema,
  updateBenchmarkRequestSchema,
  type BenchmarkListResponse,
  type BenchmarkResponse,
  type BenchmarkSourcesResponse,
  type CalibrationSettings,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { BenchmarksService } from './benchmarks.service.js';
import { gradingScopeOf } from './graders.service.js';

const idParams = z.object({ id: z.string().uuid() });
const sourcesQuery = z.object({ variant: rubricVariantSchema.optional() });

/** Who keeps the grading standard: coordinators, administrators and chief graders. */
export const standardKeepers = { access: ['coordinator', 'admin', 'chief-grader'] } as const;
/** Changing the grading standard is the programme's own staff's (issue 20). */
export const standardEditors = { access: gradingStandardKeepers };

/** Benchmark responses and the programme's calibration settings. */
export function benchmarkRoutes(deps: { benchmarks: BenchmarksService }) {
  return async (app: FastifyInstance) => {
    const { benchmarks } = deps;

    app.get('/api/grading/benchmarks', { config: standardKeepers }, async () => {
      const response: BenchmarkListResponse = { benchmarks: await benchmarks.list() };
      return response;
    });

    app.get('/api/grading/benchmark-sources', { config: standardKeepers }, async (request) => {
      const { variant } = parseInput(sourcesQuery, request.query);
      const response: BenchmarkSourcesResponse = {
        sources: await benchmarks.sources(gradingScopeOf(actorOf(request)), variant),
      };
      return response;
    });

    app.post('/api/grading/benchmarks', { config: standardEditors }, async (request, reply) => {
      const actor = actorOf(request);
      const body = parseInput(createBenchmarkRequestSchema, request.body);
      const response: BenchmarkResponse = {
        benchmark: await benchmarks.create(gradingScopeOf(actor), actor, body),
      };
      return reply.status(201).send(response);
    });

    app.get('/api/grading/benchmarks/:id', { config: standardKeepers }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: BenchmarkResponse = { benchmark: await benchmarks.get(id) };
      return response;
    });

    app.put('/api/grading/benchmarks/:id', { config: standardEditors }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(updateBenchmarkRequestSchema, request.body);
      const response: BenchmarkResponse = {
        benchmark: await benchmarks.update(actorOf(request), id, body),
      };
      return response;
    });

    app.get('/api/grading/calibration-settings', { config: standardKeepers }, async () => {
      const response: CalibrationSettings = await benchmarks.settings();
      return response;
    });

    app.put(
      '/api/grading/calibration-settings',
      { config: standardEditors },
      async (request, reply) => {
        const body = parseInput(calibrationSettingsSchema, request.body);
        await benchmarks.updateSettings(actorOf(request), body);
        return reply.status(204).send();
      },
    );
  };
}
