import { programmeContentEditors } from '@exam/shared/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  QTI_PACKAGE_MAX_BYTES,
  qtiImportConfirmQuerySchema,
  type QtiImportPreview,
  type QtiImportResult,
} from '@exam/shared/api';
import { z } from 'zod';
import { AppError } from '../../../lib/app-error.js';
import { parseInput } from '../../../lib/validate.js';
import { actorOf } from '../../../lib/request-actor.js';
import type { createQtiExport, QtiPackage } from './qti-export.service.js';
import type { createQtiImport } from './qti-import.service.js';

const idParams = z.object({ id: z.string().uuid() });

function packageBody(request: FastifyRequest): Uint8Array {
  if (!Buffer.isBuffer(request.body)) {
    throw new AppError(
      'PACKAGE_CONTENT_TYPE',
      'Send the package itself as the request body, with Content-Type application/zip.',
      415,
    );
  }
  return new Uint8Array(request.body.buffer, request.body.byteOffset, request.body.length);
}

/**
 * QTI 3.0 packages in and out of the item bank. Uploads are the raw zip (no multipart: one file,
 * one body, capped by the route's body limit before any of it is read into a parser).
 */
export function bankExchangeRoutes(deps: {
  exporter: ReturnType<typeof createQtiExport>;
  importer: ReturnType<typeof createQtiImport>;
}) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['coordinator', 'admin'] } as const;
    // Scoped to this plugin: elsewhere a zip body is still refused as an unsupported type.
    // Windows browsers and tools label a .zip application/x-zip-compressed; older ones x-zip.
    app.addContentTypeParser(
      [
        'application/zip',
        'application/x-zip-compressed',
        'application/x-zip',
        'application/octet-stream',
      ],
      { parseAs: 'buffer', bodyLimit: QTI_PACKAGE_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    const send = (pkg: QtiPackage) => ({
      type: 'application/zip',
      disposition: `attachment; filename="${pkg.fileName}"`,
      body: Buffer.from(pkg.bytes.buffer, pkg.bytes.byteOffset, pkg.bytes.length),
    });

    app.get('/api/bank/qti/export', { config: staff }, async (request, reply) => {
      const out = send(await deps.exporter.exportBank(actorOf(request)));
      return reply.type(out.type).header('content-disposition', out.disposition).send(out.body);
    });

    app.get('/api/bank/forms/:id/qti', { config: staff }, async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      const out = send(await deps.exporter.exportForm(actorOf(request), id));
      return reply.type(out.type).header('content-disposition', out.disposition).send(out.body);
    });

    // Importing adds to the programme's shared bank: its administrators' alone.
    const upload = {
      config: { access: programmeContentEditors },
      bodyLimit: QTI_PACKAGE_MAX_BYTES,
    };
    app.post('/api/bank/qti/import/preview', upload, async (request) => {
      actorOf(request);
      const response: QtiImportPreview = await deps.importer.previewImport(packageBody(request));
      return response;
    });

    app.post('/api/bank/qti/import/confirm', upload, async (request) => {
      const actor = actorOf(request);
      const { plan } = parseInput(qtiImportConfirmQuerySchema, request.query);
      const response: QtiImportResult = await deps.importer.confirmImport(
        actor,
        packageBody(request),
        plan,
      );
      return response;
    });
  };
}
