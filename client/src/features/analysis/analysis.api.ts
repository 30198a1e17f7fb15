import {
  analysisScopesResponseSchema,
  itemAnalysisResponseSchema,
  type AnalysisScope,
  type ItemAnalysisResponse,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

/** The path of a scope's analysis; `suffix` picks an export (`/analysis.csv`, `/analysis.xlsx`). */
export function analysisPath(scope: Pick<AnalysisScope, 'formId' | 'sittingId'>, suffix = '') {
  const query = scope.sittingId ? `?sittingId=${id(scope.sittingId)}` : '';
  return `/api/analysis/forms/${id(scope.formId)}${suffix}${query}`;
}

export async function listAnalysisScopes(signal?: AbortSignal): Promise<AnalysisScope[]> {
  const body = await apiRequest('/api/analysis/scopes', {
    schema: analysisScopesResponseSchema,
    ...withSignal(signal),
  });
  return body.scopes;
}

/** Computed by the server from the stored answers each time it is asked. */
export function getItemAnalysis(
  scope: Pick<AnalysisScope, 'formId' | 'sittingId'>,
  signal?: AbortSignal,
): Promise<ItemAnalysisResponse> {
  return apiRequest(analysisPath(scope), {
    schema: itemAnalysisResponseSchema,
    ...withSignal(signal),
  });
}
