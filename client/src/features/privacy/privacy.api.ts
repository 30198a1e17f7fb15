import {
  myDataSchema,
  retentionConfirmResponseSchema,
  retentionPreviewResponseSchema,
  type MyData,
  type RetentionSitting,
} from '@exam/shared/api';
import { apiRequest, withSignal } from '../../lib/api';

/** Where the whole export downloads from: a plain link, so the browser saves the JSON itself. */
export const MY_DATA_PATH = '/api/privacy/my-data';

export function getMyData(signal?: AbortSignal): Promise<MyData> {
  return apiRequest(MY_DATA_PATH, { schema: myDataSchema, ...withSignal(signal) });
}

export async function getRetention(signal?: AbortSignal): Promise<RetentionSitting[]> {
  const body = await apiRequest('/api/privacy/retention', {
    schema: retentionPreviewResponseSchema,
    ...withSignal(signal),
  });
  return body.sittings;
}

export async function confirmRetention(sittingIds: readonly string[]): Promise<number> {
  const body = await apiRequest('/api/privacy/retention/confirm', {
    method: 'POST',
    body: { sittingIds },
    schema: retentionConfirmResponseSchema,
  });
  return body.confirmed;
}
