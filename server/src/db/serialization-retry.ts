/** SQLSTATE 40001: a repeatable-read or serializable transaction met a concurrent update. */
const SERIALIZATION_FAILURE = '40001';

/** Whether `error`, or an error it wraps (drizzle wraps the driver's), is a serialization failure. */
export function isSerializationFailure(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === SERIALIZATION_FAILURE) return true;
  }
  return false;
}

/**
 * Runs a repeatable-read transaction again when PostgreSQL refused it for a concurrent update.
 * PostgreSQL's advice for that error is exactly this: the whole transaction, from the start,
 * on a new snapshot. `transaction` must be safe to run again (it commits nothing when refused).
 */
export async function retryOnSerializationFailure<T>(
  transaction: () => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= attempts || !isSerializationFailure(error)) throw error;
    }
  }
}
