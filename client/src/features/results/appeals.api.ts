import {
  myAppealsResponseSchema,
  type AppealRequest,
  type MyAppealsResponse,
} from '@exam/shared/api';
import { apiRequest, withSignal } from '../../lib/api';

export function getMyAppeals(signal?: AbortSignal): Promise<MyAppealsResponse> {
  return apiRequest('/api/appeals/mine', {
    schema: myAppealsResponseSchema,
    ...withSignal(signal),
  });
}

export function requestAppeal(input: AppealRequest): Promise<void> {
  return apiRequest('/api/appeals', { method: 'POST', body: input });
}
