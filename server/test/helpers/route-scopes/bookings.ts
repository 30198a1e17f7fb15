import { target, type RouteScope } from './route-scope.js';

/** Bookings, authorisations and seats, and retake requests. */
export const bookingRoutes: Record<string, RouteScope> = {
  'GET /api/bookings/mine': { kind: 'own' },
  'GET /api/bookings/mine/dates': { kind: 'own' },
  'POST /api/bookings': { kind: 'own' },
  // A booking or authorisation id is the fixture's nowhere; bookings.test.ts proves B gets 404.
  'POST /api/bookings/:id/cancel': { kind: 'programme' },
  'POST /api/bookings/:id/reschedule': { kind: 'programme' },
  'POST /api/bookings/:id/withdraw': { kind: 'programme' },
  'POST /api/bookings/:id/no-show': { kind: 'programme' },
  'POST /api/bookings/authorisations/:id/extend': { kind: 'programme' },
  'GET /api/bookings/settings': { kind: 'own' },
  'PUT /api/bookings/settings': { kind: 'own' },
  'GET /api/bookings/authorisations': { kind: 'list' },
  'POST /api/bookings/authorisations': { kind: 'own' },
  'POST /api/bookings/authorisations/import': { kind: 'own' },
  'GET /api/bookings/sittings': { kind: 'list' },
  'GET /api/bookings/sittings/:id': target((a) => `/api/bookings/sittings/${a.sittingId}`),
  'PUT /api/bookings/sittings/:id/seats': target(
    (a) => `/api/bookings/sittings/${a.sittingId}/seats`,
    () => ({ capacity: 1, bookingOpensAt: null, bookingClosesAt: null, cancelCutoffAt: null }),
  ),
  'POST /api/bookings/sittings/:id/place': target(
    (a) => `/api/bookings/sittings/${a.sittingId}/place`,
    () => ({ email: 'candidate@demo.test', overCapacityReason: 'Another association' }),
  ),
  'GET /api/retakes/mine': { kind: 'own' },
  'POST /api/retakes': { kind: 'own' },
  'GET /api/retakes': { kind: 'list' },
  // A retake request id is the fixture's nowhere; retakes.test.ts proves B's coordinator gets 404.
  'POST /api/retakes/:id/approve': { kind: 'programme' },
  'POST /api/retakes/:id/decline': { kind: 'programme' },
};
