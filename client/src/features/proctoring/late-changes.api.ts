import {
  lateChangeResponseSchema,
  lateChangesResponseSchema,
  type DecideLateChangeRequest,
  type LateChangeView,
} from '@exam/shared/api';
import { apiRequest } from '../../lib/api';

export async function listLateChanges(
  sittingId: string,
  signal?: AbortSignal,
): Promise<LateChangeView[]> {
  const body = await apiRequest(
    `/api/proctoring/sittings/${encodeURIComponent(sittingId)}/late-changes`,
    { schema: lateChangesResponseSchema, ...(signal ? { signal } : {}) },
  );
  return body.lateChanges;
}

export async function decideLateChange(
  id: string,
  request: DecideLateChangeRequest,
): Promise<LateChangeView> {
  const body = await apiRequest(`/api/proctoring/late-changes/${encodeURIComponent(id)}/decision`, {
    method: 'POST',
    body: request,
    schema: lateChangeResponseSchema,
  });
  return body.lateChange;
}
