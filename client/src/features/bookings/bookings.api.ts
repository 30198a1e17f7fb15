import { z } from 'zod';
import {
  authorisationCreatedSchema,
  authorisationImportReportSchema,
  authorisationSchema,
  bookingSettingsSchema,
  bookResultSchema,
  myDatesResponseSchema,
  myExamResponseSchema,
  seatOfferSchema,
  sittingSeatsResponseSchema,
  type AuthorisationCreated,
  type AuthorisationImportReport,
  type AuthorisationInput,
  type Authorisation,
  type BookingSettings,
  type BookResult,
  type MyDatesResponse,
  type MyExamResponse,
  type SeatOffer,
  type SeatSettings,
  type SittingSeatsResponse,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

export function getMyExam(signal?: AbortSignal): Promise<MyExamResponse> {
  return apiRequest('/api/bookings/mine', { schema: myExamResponseSchema, ...withSignal(signal) });
}

export function getMyDates(signal?: AbortSignal): Promise<MyDatesResponse> {
  return apiRequest('/api/bookings/mine/dates', {
    schema: myDatesResponseSchema,
    ...withSignal(signal),
  });
}

export function bookSeat(sittingId: string, authorisationId: string): Promise<BookResult> {
  return apiRequest('/api/bookings', {
    method: 'POST',
    body: { sittingId, authorisationId },
    schema: bookResultSchema,
  });
}

export function cancelBooking(bookingId: string): Promise<void> {
  return apiRequest(`/api/bookings/${id(bookingId)}/cancel`, { method: 'POST' });
}

export function rescheduleBooking(bookingId: string, sittingId: string): Promise<BookResult> {
  return apiRequest(`/api/bookings/${id(bookingId)}/reschedule`, {
    method: 'POST',
    body: { sittingId },
    schema: bookResultSchema,
  });
}

export function listAuthorisations(signal?: AbortSignal): Promise<Authorisation[]> {
  return apiRequest('/api/bookings/authorisations', {
    schema: z.array(authorisationSchema),
    ...withSignal(signal),
  });
}

export function createAuthorisation(input: AuthorisationInput): Promise<AuthorisationCreated> {
  return apiRequest('/api/bookings/authorisations', {
    method: 'POST',
    body: input,
    schema: authorisationCreatedSchema,
  });
}

export function importAuthorisations(
  csv: string,
  commit: boolean,
): Promise<AuthorisationImportReport> {
  return apiRequest('/api/bookings/authorisations/import', {
    method: 'POST',
    body: { csv, commit },
    schema: authorisationImportReportSchema,
  });
}

export function extendAuthorisation(
  authorisationId: string,
  expiresAt: string,
  reason: string,
): Promise<void> {
  return apiRequest(`/api/bookings/authorisations/${id(authorisationId)}/extend`, {
    method: 'POST',
    body: { expiresAt, reason },
  });
}

export function getBookingSettings(signal?: AbortSignal): Promise<BookingSettings> {
  return apiRequest('/api/bookings/settings', {
    schema: bookingSettingsSchema,
    ...withSignal(signal),
  });
}

export function saveBookingSettings(input: BookingSettings): Promise<BookingSettings> {
  return apiRequest('/api/bookings/settings', {
    method: 'PUT',
    body: input,
    schema: bookingSettingsSchema,
  });
}

export function listSeatOffers(signal?: AbortSignal): Promise<SeatOffer[]> {
  return apiRequest('/api/bookings/sittings', {
    schema: z.array(seatOfferSchema),
    ...withSignal(signal),
  });
}

export function getSittingSeats(
  sittingId: string,
  signal?: AbortSignal,
): Promise<SittingSeatsResponse> {
  return apiRequest(`/api/bookings/sittings/${id(sittingId)}`, {
    schema: sittingSeatsResponseSchema,
    ...withSignal(signal),
  });
}

export function saveSeats(sittingId: string, input: SeatSettings): Promise<void> {
  return apiRequest(`/api/bookings/sittings/${id(sittingId)}/seats`, {
    method: 'PUT',
    body: input,
  });
}

export function placeCandidate(
  sittingId: string,
  email: string,
  overCapacityReason: string | null,
): Promise<void> {
  return apiRequest(`/api/bookings/sittings/${id(sittingId)}/place`, {
    method: 'POST',
    body: { email, overCapacityReason },
  });
}

export function withdrawBooking(bookingId: string, reason: string): Promise<void> {
  return apiRequest(`/api/bookings/${id(bookingId)}/withdraw`, {
    method: 'POST',
    body: { reason },
  });
}

export function recordNoShow(bookingId: string): Promise<void> {
  return apiRequest(`/api/bookings/${id(bookingId)}/no-show`, { method: 'POST' });
}
