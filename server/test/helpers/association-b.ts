import type { FastifyInstance } from 'fastify';
import { count } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { associations, auditLog } from '../../src/db/schema/index.js';
import { DEFAULT_PROGRAMME_ID } from '../../src/modules/auth/index.js';
import { loginAs, TEST_ORIGIN } from './test-app.js';

/** The second association's staff, signed in; the demo's own association plays A. */
export interface AssociationB {
  associationId: string;
  coordinator: string;
  proctor: string;
}

/**
 * Association B beside the demo's (A): its row, and a coordinator and a proctor created through
 * the real users route as members of B only, so each signs in acting for B.
 */
export async function associationB(app: FastifyInstance, db: Db): Promise<AssociationB> {
  const [row] = await db
    .insert(associations)
    .values({
      programmeId: DEFAULT_PROGRAMME_ID,
      name: 'Other State Association',
      shortName: 'OSA',
      contactEmail: 'office@osa.example',
    })
    .returning({ id: associations.id });
  const associationId = row!.id;
  const admin = await loginAs(app, 'admin@demo.test');
  const password = 'association-b-password';
  const member = async (email: string, role: 'coordinator' | 'proctor') => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { origin: TEST_ORIGIN, cookie: admin },
      payload: { email, displayName: `B ${role}`, password, roles: [role], associationId },
    });
    if (response.statusCode !== 201) throw new Error(`could not create ${role}: ${response.body}`);
    return loginAs(app, email, password);
  };
  return {
    associationId,
    coordinator: await member('coordinator@osa.example', 'coordinator'),
    proctor: await member('proctor@osa.example', 'proctor'),
  };
}

/** How many audit entries there are: a refused request must not have added one. */
export async function auditCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog);
  return Number(row!.n);
}

/** A request as the console sends it. */
export function send(
  app: FastifyInstance,
  cookie: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
) {
  return app.inject({
    method,
    url,
    headers: { origin: TEST_ORIGIN, cookie },
    ...(payload ? { payload } : {}),
  });
}
