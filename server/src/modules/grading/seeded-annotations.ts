import { randomUUID } from 'node:crypto';
import {
  annotationResponseSchema,
  readingAnnotationsResponseSchema,
  type AnnotationResponse,
  type CreateAnnotationRequest,
  type ReadingAnnotationsResponse,
} from '@exam/shared/api';
import { essayPlainText, validateEssayDocument } from '@exam/shared/editor';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { AnnotationsService } from './annotations.service.js';
import * as benchmarksRepo from './benchmarks.repo.js';
import * as seedsRepo from './seeds.repo.js';

const submitted = () =>
  new AppError('ALREADY_SUBMITTED', 'This reading was already submitted.', 409);

/**
 * The grader's annotation routes over one queue, as seeded-scoring.ts is for scores: a seeded
 * response is annotated, listed and unannotated exactly as a live one (same answers, same
 * errors), its annotations kept on the seed itself. Without this a seed's page answered 404 where
 * a live one answered 200: a tell, and a broken annotation panel.
 */
export function createSeededAnnotations(deps: { db: Db; annotations: AnnotationsService }) {
  const { db, annotations } = deps;

  async function plainTextOf(benchmarkId: string): Promise<string> {
    const benchmark = await benchmarksRepo.findBenchmark(db, benchmarkId);
    const checked = benchmark ? validateEssayDocument(benchmark.responseDoc) : null;
    return checked?.ok ? essayPlainText(checked.doc) : '';
  }

  return {
    ...annotations,

    async forReading(graderId: string, code: string): Promise<ReadingAnnotationsResponse> {
      const seed = await seedsRepo.findSeed(db, graderId, code);
      if (!seed) return annotations.forReading(graderId, code);
      const own = [...seed.annotations].sort((a, b) => a.start - b.start);
      return readingAnnotationsResponseSchema.parse({ own, others: [] });
    },

    async create(
      graderId: string,
      code: string,
      input: CreateAnnotationRequest,
    ): Promise<AnnotationResponse> {
      const found = await seedsRepo.findSeed(db, graderId, code);
      if (!found) return annotations.create(graderId, code, input);
      if (found.status === 'submitted') throw submitted();
      const text = await plainTextOf(found.benchmarkId);
      if (input.end > text.length)
        throw new AppError('VALIDATION_FAILED', 'The passage is outside the response.', 400, {
          fields: { end: 'The passage is outside the response.' },
        });
      const annotation = {
        id: randomUUID(),
        start: input.start,
        end: input.end,
        quote: text.slice(input.start, input.end),
        comment: input.comment,
      };
      await db.transaction(async (tx) => {
        const seed = await seedsRepo.findSeed(tx, graderId, code, true);
        if (!seed || seed.status === 'submitted') throw submitted();
        await seedsRepo.saveSeedAnnotations(tx, seed.id, [...seed.annotations, annotation]);
      });
      return annotationResponseSchema.parse({ annotation });
    },

    async remove(graderId: string, code: string, id: string): Promise<void> {
      const found = await seedsRepo.findSeed(db, graderId, code);
      if (!found) return annotations.remove(graderId, code, id);
      if (found.status === 'submitted') throw submitted();
      await db.transaction(async (tx) => {
        const seed = await seedsRepo.findSeed(tx, graderId, code, true);
        if (!seed || seed.status === 'submitted') throw submitted();
        const kept = seed.annotations.filter((a) => a.id !== id);
        if (kept.length === seed.annotations.length)
          throw new AppError('NOT_FOUND', 'No such annotation.', 404);
        await seedsRepo.saveSeedAnnotations(tx, seed.id, kept);
      });
    },
  };
}
