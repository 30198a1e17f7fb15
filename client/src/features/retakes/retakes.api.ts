import {
  myRetakesResponseSchema,
  retakeRequestResponseSchema,
  retakeRequestsResponseSchema,
  type MyRetakesResponse,
  type RetakeRequestView,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

export function getMyRetakes(signal?: AbortSignal): Promise<MyRetakesResponse> {
  return apiRequest('/api/retakes/mine', {
    schema: myRetakesResponseSchema,
    ...withSignal(signal),
  });
}

export async function requestRetake(sittingId: string, part: 1 | 2): Promise<RetakeRequestView> {
  const body = await apiRequest('/api/retakes', {
    method: 'POST',
    body: { sittingId, part },
    schema: retakeRequestResponseSchema,
  });
  return body.request;
}

export async function getRetakeRequests(signal?: AbortSignal): Promise<RetakeRequestView[]> {
  const body = await apiRequest('/api/retakes', {
    schema: retakeRequestsResponseSchema,
    ...withSignal(signal),
  });
  return body.requests;
}

export async function approveRetake(requestId: string): Promise<RetakeRequestView> {
  const body = await apiRequest(`/api/retakes/${id(requestId)}/approve`, {
    method: 'POST',
    body: {},
    schema: retakeRequestResponseSchema,
  });
  return body.request;
}

export async function declineRetake(requestId: string, reason: string): Promise<RetakeRequestView> {
  const body = await apiRequest(`/api/retakes/${id(requestId)}/decline`, {
    method: 'POST',
    body: { reason },
    schema: retakeRequestResponseSchema,
  });
  return body.request;
}

export const partName = (part: 1 | 2): string => (part === 1 ? 'Part One' : 'Part Two');

export const retakeStatusLabel: Record<RetakeRequestView['status'], string> = {
  requested: 'Waiting for a decision',
  approved: 'Approved',
  declined: 'Declined',
};
