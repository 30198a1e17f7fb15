import {
  accommodationRequestListSchema,
  accommodationRequestResponseSchema,
  myAccommodationsResponseSchema,
  type AccommodationAsk,
  type AccommodationRequest,
  type MyAccommodationsResponse,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

export function getMyAccommodations(signal?: AbortSignal): Promise<MyAccommodationsResponse> {
  return apiRequest('/api/accommodation-requests/mine', {
    schema: myAccommodationsResponseSchema,
    ...withSignal(signal),
  });
}

/** The file's bytes as base64, as the request body carries them. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function sendAccommodationRequest(
  enrolmentId: string,
  ask: AccommodationAsk,
  files: readonly File[],
): Promise<AccommodationRequest> {
  const documents = await Promise.all(
    files.map(async (f) => ({ fileName: f.name, dataBase64: await fileToBase64(f) })),
  );
  const body = await apiRequest('/api/accommodation-requests', {
    method: 'POST',
    body: { enrolmentId, ask, documents },
    schema: accommodationRequestResponseSchema,
  });
  return body.request;
}

export async function getPendingRequests(signal?: AbortSignal): Promise<AccommodationRequest[]> {
  const body = await apiRequest('/api/accommodation-requests?status=pending', {
    schema: accommodationRequestListSchema,
    ...withSignal(signal),
  });
  return body.requests;
}

export const documentUrl = (enrolmentId: string, documentId: string): string =>
  `/api/enrolments/${id(enrolmentId)}/accommodation-request/documents/${id(documentId)}`;

export async function approveRequest(
  enrolmentId: string,
  grant: AccommodationAsk,
): Promise<AccommodationRequest> {
  const body = await apiRequest(
    `/api/enrolments/${id(enrolmentId)}/accommodation-request/approve`,
    {
      method: 'POST',
      body: grant,
      schema: accommodationRequestResponseSchema,
    },
  );
  return body.request;
}

export async function declineRequest(
  enrolmentId: string,
  reason: string,
): Promise<AccommodationRequest> {
  const body = await apiRequest(
    `/api/enrolments/${id(enrolmentId)}/accommodation-request/decline`,
    {
      method: 'POST',
      body: { reason },
      schema: accommodationRequestResponseSchema,
    },
  );
  return body.request;
}
