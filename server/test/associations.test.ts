import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Association, AssociationSettingsInput, BrandingResponse } from '@exam/shared/api';
import { associations, auditLog } from '../src/db/schema/index.js';
import { DEFAULT_ASSOCIATION_ID } from '../src/modules/auth/index.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

let t: TestApp;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['admin', 'coordinator', 'candidate', 'psychometrician'])
    cookie[who] = await loginAs(t.app, `${who}@demo.test`);
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { origin: TEST_ORIGIN, cookie: cookie[who]! },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

// A 1×1 PNG and a JPEG's first bytes: enough for the signature check.
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const GIF_AS_PNG = 'data:image/png;base64,R0lGODlhAQABAAAAACw=';

const settings = (over: Partial<AssociationSettingsInput> = {}): AssociationSettingsInput => ({
  name: 'New York Association for Infant Mental Health',
  shortName: 'NY-AIMH',
  logo: PNG,
  contactEmail: 'Endorsement@NY-AIMH.example',
  timeZone: 'America/New_York',
  applicationDeadlines: ['10-31', '01-31', '04-30', '07-31'],
  retentionYears: 7,
  mailSender: 'NY-AIMH Endorsement <endorsement@ny-aimh.example>',
  ...over,
});

let newYork: Association;

describe('association settings', () => {
  it('lets an administrator create an association, normalised and audited', async () => {
    const response = await call('POST', '/api/associations', 'admin', settings());
    expect(response.statusCode).toBe(201);
    newYork = response.json<{ association: Association }>().association;
    expect(newYork).toMatchObject({
      shortName: 'NY-AIMH',
      contactEmail: 'endorsement@ny-aimh.example',
      applicationDeadlines: ['01-31', '04-30', '07-31', '10-31'],
      logo: PNG,
    });
    const list = await call('GET', '/api/associations', 'admin');
    const names = list.json<{ associations: Association[] }>().associations.map((a) => a.shortName);
    expect(names).toEqual(expect.arrayContaining(['MI-AIMH', 'CO-AIMH', 'NY-AIMH']));
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'association.create'), eq(auditLog.subjectId, newYork.id)));
    // The log keeps the logo's fingerprint, not the image.
    expect(JSON.stringify(entry?.details)).not.toContain('iVBOR');
  });

  it('refuses a second association with the same short name', async () => {
    const response = await call('POST', '/api/associations', 'admin', settings({ name: 'Other' }));
    expect(response.statusCode).toBe(409);
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }],
    ['a day that is not every year', { applicationDeadlines: ['02-29'] }],
    ['a month that does not exist', { applicationDeadlines: ['13-01'] }],
    ['a GIF labelled PNG', { logo: GIF_AS_PNG }],
    ['an SVG', { logo: 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=' }],
    ['a logo over 200 KB', { logo: `data:image/jpeg;base64,/9j/${'A'.repeat(280_000)}` }],
    ['retention of zero years', { retentionYears: 0 }],
  ])('refuses %s', async (_what, over) => {
    const response = await call('PUT', `/api/associations/${newYork.id}`, 'admin', settings(over));
    expect(response.statusCode).toBe(400);
  });

  it('lets the coordinator edit their own association, audited before and after', async () => {
    const own = await call('GET', `/api/associations/${DEFAULT_ASSOCIATION_ID}`, 'coordinator');
    expect(own.statusCode).toBe(200);
    const before = own.json<{ association: Association }>().association;
    const response = await call(
      'PUT',
      `/api/associations/${DEFAULT_ASSOCIATION_ID}`,
      'coordinator',
      settings({ name: 'Michigan Association', shortName: 'MIAIMH', timeZone: 'America/Denver' }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json<{ association: Association }>().association.timeZone).toBe(
      'America/Denver',
    );
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'association.update'),
          eq(auditLog.subjectId, DEFAULT_ASSOCIATION_ID),
        ),
      );
    expect(entry?.details).toMatchObject({
      before: { name: before.name, shortName: before.shortName, logo: null },
      after: { name: 'Michigan Association', shortName: 'MIAIMH' },
    });
  });

  it('answers a coordinator about another association as if it did not exist, changing nothing', async () => {
    expect((await call('GET', `/api/associations/${newYork.id}`, 'coordinator')).statusCode).toBe(
      404,
    );
    const put = await call(
      'PUT',
      `/api/associations/${newYork.id}`,
      'coordinator',
      settings({ name: 'Taken' }),
    );
    expect(put.statusCode).toBe(404);
    const [row] = await t.database.db
      .select()
      .from(associations)
      .where(eq(associations.id, newYork.id));
    expect(row?.name).toBe('New York Association for Infant Mental Health');
    expect((await call('GET', '/api/associations', 'coordinator')).statusCode).toBe(403);
    expect((await call('POST', '/api/associations', 'coordinator', settings())).statusCode).toBe(
      403,
    );
  });

  it('brands the candidate’s pages with their association’s name and logo', async () => {
    const candidate = await call('GET', '/api/branding', 'candidate');
    expect(candidate.json<BrandingResponse>().branding).toEqual({
      name: 'Michigan Association',
      shortName: 'MIAIMH',
      logo: PNG,
    });
    // Programme staff act for no association: no branding.
    const staff = await call('GET', '/api/branding', 'psychometrician');
    expect(staff.json<BrandingResponse>().branding).toBeNull();
  });
});
