/**
 * Every HTTP route, classified by whose data it reaches, for the association isolation walk
 * (association-isolation.test.ts). A route missing from these tables fails that test, so a new
 * route cannot ship without someone deciding how it is scoped. The tables are kept by area in
 * route-scopes/ (a new route goes in its area's); this file joins them.
 *
 * - `public`: no sign-in (login, setup, verification).
 * - `own`: reaches only the caller's own things (their session, their results, their grading
 *   queue), never an object named in the URL that another association owns.
 * - `programme`: the programme's shared content (bank, vignette sets, rubrics, graders, analysis,
 *   standard setting, audit), the same for every association by design.
 * - `list`: lists association-owned things; B's people must not find any of A's ids in it.
 * - `target`: names one of A's objects in the URL; B's people must get 404 and change nothing.
 * - `shared`: names one of the programme's objects that touches A's (a grader's pause, whose
 *   readings include A's responses); B's people may read it, but nothing of A's in it.
 */
import { accountRoutes } from './route-scopes/accounts.js';
import { bookingRoutes } from './route-scopes/bookings.js';
import { gradingRoutes } from './route-scopes/grading.js';
import { oversightRoutes } from './route-scopes/oversight.js';
import { proctoringRoutes } from './route-scopes/proctoring.js';
import { resultRoutes } from './route-scopes/results.js';
import type { RouteScope } from './route-scopes/route-scope.js';
import { sittingRoutes } from './route-scopes/sittings.js';

export type { AssociationAObjects, RouteScope } from './route-scopes/route-scope.js';

/** The area tables joined; a route classified in two of them is a mistake, refused here. */
function joined(...tables: Record<string, RouteScope>[]): Record<string, RouteScope> {
  const all: Record<string, RouteScope> = {};
  for (const [route, scope] of tables.flatMap((table) => Object.entries(table))) {
    if (route in all) throw new Error(`${route} is classified twice in route-scopes/`);
    all[route] = scope;
  }
  return all;
}

export const routeScopes = joined(
  accountRoutes,
  sittingRoutes,
  proctoringRoutes,
  gradingRoutes,
  bookingRoutes,
  resultRoutes,
  oversightRoutes,
);

/** Routes under these prefixes keep the programme's shared content (see `programme` above). */
export const programmePrefixes = [
  '/api/bank/',
  '/api/vignette-sets',
  '/api/analysis/',
  '/api/standard-setting/',
];

export function scopeOfRoute(method: string, url: string): RouteScope | undefined {
  const declared = routeScopes[`${method} ${url}`];
  if (declared) return declared;
  if (programmePrefixes.some((prefix) => url.startsWith(prefix))) return { kind: 'programme' };
  return undefined;
}
