import type { FastifyInstance } from 'fastify';
import {
  authorisationImportRequestSchema,
  authorisationInputSchema,
  bookingSettingsSchema,
  bookSeatSchema,
  extendAuthorisationSchema,
  placeCandidateSchema,
  rescheduleSchema,
  seatSettingsSchema,
  type Authorisation,
  type AuthorisationCreated,
  type AuthorisationImportReport,
  type BookingSettings,
  type BookResult,
  type MyDatesResponse,
  type MyExamResponse,
  type SeatOffer,
  type SittingSeatsResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actingAssociationOf, actorOf, scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { AuthorisationsService } from './authorisations.service.js';
import { defaultBookingSettings } from './booking-rules.js';
import type { BookingsViews } from './bookings.views.js';
import type { SeatsService } from './seats.service.js';

const idParams = z.object({ id: z.string().uuid() });
const reasonBody = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

/** The candidate's booking and dates, and the coordinator's authorisations and seats. */
export function bookingsRoutes(deps: {
  authorisations: AuthorisationsService;
  seats: SeatsService;
  views: BookingsViews;
}) {
  return async (app: FastifyInstance) => {
    const candidate = { access: ['candidate'] } as const;
    const staff = { access: ['coordinator', 'admin'] } as const;
    const { authorisations, seats, views } = deps;

    // ---- the candidate ----
    app.get('/api/bookings/mine', { config: candidate }, async (request) => {
      const actor = actorOf(request);
      const response: MyExamResponse = await views.mine(actor, actingAssociationOf(actor));
      return response;
    });
    app.get('/api/bookings/mine/dates', { config: candidate }, async (request) => {
      const actor = actorOf(request);
      const response: MyDatesResponse = await views.dates(actor, actingAssociationOf(actor));
      return response;
    });
    app.post('/api/bookings', { config: candidate }, async (request, reply) => {
      const actor = actorOf(request);
      const body = parseInput(bookSeatSchema, request.body);
      const response: BookResult = await seats.book(
        actor,
        actingAssociationOf(actor),
        body.sittingId,
        body.authorisationId,
      );
      return reply.status(201).send(response);
    });
    app.post('/api/bookings/:id/cancel', { config: candidate }, async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      await seats.cancel(actor, actingAssociationOf(actor), id);
      return reply.status(204).send();
    });
    app.post('/api/bookings/:id/reschedule', { config: candidate }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(rescheduleSchema, request.body);
      const response: BookResult = await seats.reschedule(
        actor,
        actingAssociationOf(actor),
        id,
        body.sittingId,
      );
      return response;
    });

    // ---- the coordinator ----
    app.get('/api/bookings/settings', { config: staff }, async (request) => {
      const actor = actorOf(request);
      // An administrator acting for no association reads the defaults; saving needs one.
      const response: BookingSettings = actor.association
        ? await authorisations.settings(actingAssociationOf(actor))
        : defaultBookingSettings;
      return response;
    });
    app.put('/api/bookings/settings', { config: staff }, async (request) => {
      const actor = actorOf(request);
      const body = parseInput(bookingSettingsSchema, request.body);
      const response: BookingSettings = await authorisations.saveSettings(
        actor,
        actingAssociationOf(actor),
        body,
      );
      return response;
    });
    app.get('/api/bookings/authorisations', { config: staff }, async (request) => {
      const response: Authorisation[] = await views.list(scopeOf(actorOf(request)));
      return response;
    });
    app.post('/api/bookings/authorisations', { config: staff }, async (request, reply) => {
      const actor = actorOf(request);
      const body = parseInput(authorisationInputSchema, request.body);
      const response: AuthorisationCreated = await authorisations.create(
        actor,
        actingAssociationOf(actor),
        body,
      );
      return reply.status(201).send(response);
    });
    app.post('/api/bookings/authorisations/import', { config: staff }, async (request) => {
      const actor = actorOf(request);
      const body = parseInput(authorisationImportRequestSchema, request.body);
      const response: AuthorisationImportReport = await authorisations.importCsv(
        actor,
        actingAssociationOf(actor),
        body,
      );
      return response;
    });
    app.post('/api/bookings/authorisations/:id/extend', { config: staff }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(extendAuthorisationSchema, request.body);
      const saved = await authorisations.extend(actor, scopeOf(actor), id, body);
      return { id: saved.id, expiresAt: saved.expiresAt.toISOString() };
    });
    app.get('/api/bookings/sittings', { config: staff }, async (request) => {
      const response: SeatOffer[] = await views.offers(scopeOf(actorOf(request)));
      return response;
    });
    app.get('/api/bookings/sittings/:id', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: SittingSeatsResponse = await views.sittingSeats(
        scopeOf(actorOf(request)),
        id,
      );
      return response;
    });
    app.put('/api/bookings/sittings/:id/seats', { config: staff }, async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(seatSettingsSchema, request.body);
      await seats.configure(actor, actingAssociationOf(actor), id, body);
      return reply.status(204).send();
    });
    app.post('/api/bookings/sittings/:id/place', { config: staff }, async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(placeCandidateSchema, request.body);
      const saved = await seats.place(actor, actingAssociationOf(actor), id, body);
      return reply.status(201).send({ bookingId: saved.id });
    });
    app.post('/api/bookings/:id/withdraw', { config: staff }, async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const { reason } = parseInput(reasonBody, request.body);
      await seats.cancelByCoordinator(actor, scopeOf(actor), id, reason);
      return reply.status(204).send();
    });
    app.post('/api/bookings/:id/no-show', { config: staff }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const countsAsAttempt = await seats.recordNoShow(actor, scopeOf(actor), id);
      return { countsAsAttempt };
    });
  };
}
