import { programmeContentEditors } from '@exam/shared/domain';
import type { FastifyInstance } from 'fastify';
import {
  assembleFormRequestSchema,
  bankItemListQuerySchema,
  createBankItemRequestSchema,
  updateBankItemRequestSchema,
  type BankFormListResponse,
  type BankFormResponse,
  type BankItemListResponse,
  type BankItemResponse,
  type BlueprintsResponse,
  type FormPreviewResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { BankService } from './bank.service.js';

const idParams = z.object({ id: z.string().uuid() });

/** The coordinator console's item bank: items, blueprints, forms and the candidate-eye preview. */
export function bankRoutes(deps: { bank: BankService }) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['coordinator', 'admin'] } as const;
    // Changing the programme's shared content is the programme's administrators' alone.
    const editors = { access: programmeContentEditors };
    const { bank } = deps;

    app.get('/api/bank/items', { config: staff }, async (request) => {
      const query = parseInput(bankItemListQuerySchema, request.query);
      const response: BankItemListResponse = { items: await bank.listItems(query) };
      return response;
    });

    app.post('/api/bank/items', { config: editors }, async (request, reply) => {
      const actor = actorOf(request);
      const body = parseInput(createBankItemRequestSchema, request.body);
      const response: BankItemResponse = { item: await bank.createItem(actor, body) };
      return reply.status(201).send(response);
    });

    app.get('/api/bank/items/:id', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: BankItemResponse = { item: await bank.getItem(id) };
      return response;
    });

    app.put('/api/bank/items/:id', { config: editors }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(updateBankItemRequestSchema, request.body);
      const response: BankItemResponse = { item: await bank.updateItem(actor, id, body) };
      return response;
    });

    app.post('/api/bank/items/:id/publish', { config: editors }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const response: BankItemResponse = { item: await bank.publishItem(actor, id) };
      return response;
    });

    app.post('/api/bank/items/:id/retire', { config: editors }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const response: BankItemResponse = { item: await bank.retireItem(actor, id) };
      return response;
    });

    app.get('/api/bank/blueprints', { config: staff }, async () => {
      const response: BlueprintsResponse = await bank.blueprints();
      return response;
    });

    app.get('/api/bank/forms', { config: staff }, async () => {
      const response: BankFormListResponse = { forms: await bank.listForms() };
      return response;
    });

    app.post('/api/bank/forms', { config: editors }, async (request, reply) => {
      const actor = actorOf(request);
      const body = parseInput(assembleFormRequestSchema, request.body);
      const response: BankFormResponse = { form: await bank.assembleForm(actor, body) };
      return reply.status(201).send(response);
    });

    app.get('/api/bank/forms/:id', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: BankFormResponse = { form: await bank.getForm(id) };
      return response;
    });

    app.get('/api/bank/forms/:id/preview', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: FormPreviewResponse = await bank.previewForm(id);
      return response;
    });

    app.post('/api/bank/forms/:id/activate', { config: editors }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const response: BankFormResponse = { form: await bank.activateForm(actor, id) };
      return response;
    });

    app.post('/api/bank/forms/:id/retire', { config: editors }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const response: BankFormResponse = { form: await bank.retireForm(actor, id) };
      return response;
    });
  };
}
