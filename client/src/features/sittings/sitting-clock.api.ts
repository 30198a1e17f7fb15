import {
  sittingClockResponseSchema,
  type SittingClock,
  type SittingClockOverride,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

/** When the sitting moves by itself, and any hold on that. */
export async function getSittingClock(
  sittingId: string,
  signal?: AbortSignal,
): Promise<SittingClock> {
  const body = await apiRequest(`/api/sittings/${id(sittingId)}/clock`, {
    schema: sittingClockResponseSchema,
    ...withSignal(signal),
  });
  return body.clock;
}

/** Open, close, hold or release, always with a reason (audited). */
export async function overrideSittingClock(
  sittingId: string,
  override: SittingClockOverride,
): Promise<SittingClock> {
  const body = await apiRequest(`/api/sittings/${id(sittingId)}/clock`, {
    method: 'POST',
    body: override,
    schema: sittingClockResponseSchema,
  });
  return body.clock;
}
