import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { CurrentUser } from '@exam/shared/api';
import { attempts, authorisations, bookings, users } from '../../src/db/schema/index.js';
import { associationScope } from '../../src/db/association-scope.js';
import { DEFAULT_ASSOCIATION_ID, importUsers } from '../../src/modules/auth/index.js';
import type { GrantAuthorisation } from '../../src/modules/bookings/index.js';
import { apiAs, sittingInput } from './coordinator.js';
import { loginAs, type TestApp } from './test-app.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const scopeA = associationScope(DEFAULT_ASSOCIATION_ID);

/** The stable code a refused call carries. */
export const codeOf = (error: unknown) => (error as { code?: string }).code;

/** A candidate as the services see one (only the id and association are read). */
export function candidateUser(id: string, email: string): CurrentUser {
  return {
    id,
    email,
    displayName: email,
    roles: ['candidate'],
    association: { id: DEFAULT_ASSOCIATION_ID, name: 'A', shortName: 'A' },
    memberships: [],
    timeZone: 'UTC',
  } as unknown as CurrentUser;
}

/** `n` candidate accounts of association A (no sign-in: the services are called directly). */
export async function candidatesOfA(t: TestApp, prefix: string, n: number) {
  const people = Array.from({ length: n }, (_, i) => ({
    email: `${prefix}${i}@seats.test`,
    displayName: `${prefix} ${i}`,
    roles: ['candidate'] as const,
    passwordHash: 'not-a-usable-hash',
    associationId: DEFAULT_ASSOCIATION_ID,
  }));
  const ids = await importUsers(t.database.db, people);
  return people.map((p) => candidateUser(ids.get(p.email)!, p.email));
}

/**
 * An authorisation of association A for the candidate: both parts, IMH-E Specialist, granted by
 * a coordinator, valid from now; `change` sets whatever a test needs otherwise (expiry, parts).
 */
export function authorisationFor(
  candidateId: string,
  change: Partial<GrantAuthorisation> = {},
): GrantAuthorisation {
  return {
    associationId: DEFAULT_ASSOCIATION_ID,
    candidateId,
    examEndorsement: 'IMH-E',
    category: 'mental-health-specialist',
    track: null,
    parts: [1, 2],
    source: 'coordinator',
    grantedBy: null,
    ...change,
  };
}

/** Grants each candidate the default authorisation (see authorisationFor); returns their ids. */
export async function authorise(t: TestApp, candidateIds: readonly string[]) {
  const ids: string[] = [];
  await t.database.db.transaction(async (tx) => {
    for (const candidateId of candidateIds) {
      const saved = await t.app.bookings.authorisations.grantAuthorisation(
        tx,
        authorisationFor(candidateId),
      );
      ids.push(saved.id);
    }
  });
  return ids;
}

/** Grants one candidate an authorisation in its own transaction, `change` set on the default. */
export function grantOne(t: TestApp, candidateId: string, change: Partial<GrantAuthorisation>) {
  return t.database.db.transaction((tx) =>
    t.app.bookings.authorisations.grantAuthorisation(tx, authorisationFor(candidateId, change)),
  );
}

/**
 * A scheduled sitting of A starting in 30 days, with `capacity` seats, booking open from an
 * hour ago and free cancellation until two days before the start.
 */
export async function bookableSitting(t: TestApp, capacity: number | null, name = 'Seats sitting') {
  const coordinator = await loginAs(t.app, 'coordinator@demo.test');
  const api = apiAs(t.app, coordinator);
  const start = new Date(t.clock.now().getTime() + 30 * DAY);
  const created = await api.post(
    '/api/sittings',
    sittingInput({
      name,
      date: start.toISOString().slice(0, 10),
      startTime: '09:00',
      timeZone: 'UTC',
    }),
  );
  if (created.status !== 201) throw new Error(`sitting: ${JSON.stringify(created.body)}`);
  const sittingId: string = created.body.sitting.id;
  const startsAt = new Date(`${start.toISOString().slice(0, 10)}T09:00:00.000Z`);
  const seats = {
    capacity,
    bookingOpensAt: new Date(t.clock.now().getTime() - HOUR).toISOString(),
    bookingClosesAt: new Date(startsAt.getTime() - 7 * DAY).toISOString(),
    cancelCutoffAt: new Date(startsAt.getTime() - 2 * DAY).toISOString(),
  };
  const configured = await api.put(`/api/bookings/sittings/${sittingId}/seats`, seats);
  if (configured.status !== 204) throw new Error(`seats: ${JSON.stringify(configured.body)}`);
  return { sittingId, startsAt, seats, api, coordinator };
}

/** Every authorisation held by the candidates with these addresses, in any association. */
export async function held(t: TestApp, emails: string[]) {
  const ids = await t.database.db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.email, emails));
  return t.database.db
    .select()
    .from(authorisations)
    .where(
      inArray(
        authorisations.candidateId,
        ids.map((u) => u.id),
      ),
    );
}

/** The exam starts on a booked seat (an attempt on its enrolment): the authorisation is spent. */
export async function startExamOnSeat(t: TestApp, candidateId: string, bookingId: string) {
  const [booking] = await t.database.db
    .select({ enrolmentId: bookings.enrolmentId })
    .from(bookings)
    .where(eq(bookings.id, bookingId));
  await t.database.db.insert(attempts).values({
    enrolmentId: booking!.enrolmentId!,
    candidateId,
    formId: randomUUID(),
    optionSeed: 1,
    createdAt: t.clock.now(),
  });
}

/** The import of approved applications: its route, its header, and a row of its report. */
export const AUTHORISATION_IMPORT_URL = '/api/bookings/authorisations/import';
export const AUTHORISATION_CSV_HEADER =
  'email,name,exam_endorsement,category,track,parts,reference';
export interface AuthorisationReportRow {
  line: number;
  email: string;
  action: string | null;
  errors: string[];
}
