import {
  vignetteSetListResponseSchema,
  vignetteSetResponseSchema,
  type VignetteSetDetail,
  type VignetteSetInput,
  type VignetteSetSummary,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

/** The console's calls for Part Two vignette sets. */

export async function listVignetteSets(signal?: AbortSignal): Promise<VignetteSetSummary[]> {
  const body = await apiRequest('/api/vignette-sets', {
    schema: vignetteSetListResponseSchema,
    ...withSignal(signal),
  });
  return body.sets;
}

export async function getVignetteSet(
  setId: string,
  signal?: AbortSignal,
): Promise<VignetteSetDetail> {
  const body = await apiRequest(`/api/vignette-sets/${id(setId)}`, {
    schema: vignetteSetResponseSchema,
    ...withSignal(signal),
  });
  return body.set;
}

export async function saveVignetteSet(
  setId: string | null,
  input: VignetteSetInput,
): Promise<VignetteSetDetail> {
  const body = await apiRequest(setId ? `/api/vignette-sets/${id(setId)}` : '/api/vignette-sets', {
    method: setId ? 'PUT' : 'POST',
    body: input,
    schema: vignetteSetResponseSchema,
  });
  return body.set;
}

export async function setVignetteSetStatus(
  setId: string,
  action: 'retire' | 'restore',
): Promise<VignetteSetDetail> {
  const body = await apiRequest(`/api/vignette-sets/${id(setId)}/${action}`, {
    method: 'POST',
    schema: vignetteSetResponseSchema,
  });
  return body.set;
}
