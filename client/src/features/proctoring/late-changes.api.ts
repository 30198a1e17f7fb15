import {
  lateChangeResponseSchema,
  lateChangesResponseSchema,
  type DecideLateChangeRequest,
  type LateChangeView,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

export async function listLateChanges(
  sittingId: string,
  signal?: AbortSignal,
): Promise<LateChangeView[]> {
  const body = await apiRequest(`/api/proctoring/sittings/${id(sittingId)}/late-changes`, {
    schema: lateChangesResponseSchema,
    ...withSignal(signal),
  });
  return body.lateChanges;
}

export async function decideLateChange(
  lateChangeId: string,
  request: DecideLateChangeRequest,
): Promise<LateChangeView> {
  const body = await apiRequest(`/api/proctoring/late-changes/${id(lateChangeId)}/decision`, {
    method: 'POST',
    body: request,
    schema: lateChangeResponseSchema,
  });
  return body.lateChange;
}
