import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { accountTimeZoneRequestSchema, type AccountTimeZone } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { associations } from '../../db/schema/associations.js';
import { users } from '../../db/schema/auth.js';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { AuditService } from '../audit/index.js';

async function zoneOf(
  db: Db,
  userId: string,
  associationId: string | null,
): Promise<AccountTimeZone> {
  const [user] = await db
    .select({ timeZone: users.timeZone })
    .from(users)
    .where(eq(users.id, userId));
  const [association] = associationId
    ? await db
        .select({ timeZone: associations.timeZone })
        .from(associations)
        .where(eq(associations.id, associationId))
    : [];
  const associationTimeZone = association?.timeZone ?? 'UTC';
  const own = user?.timeZone ?? null;
  return { timeZone: own, associationTimeZone, effective: own ?? associationTimeZone };
}

/**
 * The user's own time zone, read and set by themselves only (no id in the URL): every date on
 * their pages and in their mail is shown in it. Null follows their association's zone.
 */
export function timeZoneRoutes(deps: { db: Db; audit: Pick<AuditService, 'append'> }) {
  return async (app: FastifyInstance) => {
    const signedIn = { access: 'authenticated' } as const;

    app.get('/api/account/time-zone', { config: signedIn }, async (request) => {
      const actor = actorOf(request);
      return zoneOf(deps.db, actor.id, actor.association?.id ?? null);
    });

    app.put('/api/account/time-zone', { config: signedIn }, async (request) => {
      const actor = actorOf(request);
      const { timeZone } = parseInput(accountTimeZoneRequestSchema, request.body);
      const before = await zoneOf(deps.db, actor.id, actor.association?.id ?? null);
      await deps.db.transaction(async (tx) => {
        await tx.update(users).set({ timeZone }).where(eq(users.id, actor.id));
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'account.time_zone',
          subjectType: 'user',
          subjectId: actor.id,
          details: { from: before.timeZone, to: timeZone },
        });
      });
      return zoneOf(deps.db, actor.id, actor.association?.id ?? null);
    });
  };
}
