import { raterMonitoringResponseSchema, type RaterMonitoringResponse } from '@exam/shared/api';
import { apiRequest, withSignal } from '../../lib/api';

export function getRaterMonitoring(signal?: AbortSignal): Promise<RaterMonitoringResponse> {
  return apiRequest('/api/grading/monitoring', {
    schema: raterMonitoringResponseSchema,
    ...withSignal(signal),
  });
}
