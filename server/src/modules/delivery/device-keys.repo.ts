import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { deviceKeys } from '../../db/schema/delivery.js';

/** The public key of the device the attempt runs on, or null before any device proved one. */
export async function findDeviceKey(db: DbOrTx, attemptId: string): Promise<string | null> {
  const [row] = await db
    .select({ publicKey: deviceKeys.publicKey })
    .from(deviceKeys)
    .where(eq(deviceKeys.attemptId, attemptId));
  return row?.publicKey ?? null;
}

/** Makes `publicKey` the attempt's device, replacing the one before (a takeover with a code). */
export async function registerDeviceKey(
  db: DbOrTx,
  attemptId: string,
  publicKey: string,
  at: Date,
): Promise<void> {
  await db
    .insert(deviceKeys)
    .values({ attemptId, publicKey, registeredAt: at })
    .onConflictDoUpdate({
      target: deviceKeys.attemptId,
      set: { publicKey, registeredAt: at },
    });
}
