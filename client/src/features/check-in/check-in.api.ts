import {
  myCheckInLookupSchema,
  myCheckInResponseSchema,
  rosterCheckInsResponseSchema,
  type CheckInDecision,
  type CheckInPhotoKind,
  type MyCheckIn,
  type RosterCheckInsResponse,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

/** The candidate's check-in, or null when they hold no seat in a sitting open now. */
export async function getMyCheckIn(signal?: AbortSignal): Promise<MyCheckIn | null> {
  const body = await apiRequest('/api/check-in/mine', {
    schema: myCheckInLookupSchema,
    ...withSignal(signal),
  });
  return body.checkIn;
}

export async function sendPhoto(kind: CheckInPhotoKind, dataBase64: string): Promise<MyCheckIn> {
  const body = await apiRequest('/api/check-in/mine/photos', {
    method: 'POST',
    body: { kind, dataBase64 },
    schema: myCheckInResponseSchema,
  });
  return body.checkIn;
}

export async function askProctor(note: string | null): Promise<MyCheckIn> {
  const body = await apiRequest('/api/check-in/mine/no-camera', {
    method: 'POST',
    body: { note },
    schema: myCheckInResponseSchema,
  });
  return body.checkIn;
}

export function getRosterCheckIns(
  sittingId: string,
  signal?: AbortSignal,
): Promise<RosterCheckInsResponse> {
  return apiRequest(`/api/proctoring/sittings/${id(sittingId)}/check-ins`, {
    schema: rosterCheckInsResponseSchema,
    ...withSignal(signal),
  });
}

export const photoUrl = (enrolmentId: string, photoId: string): string =>
  `/api/proctoring/enrolments/${id(enrolmentId)}/check-in/photos/${id(photoId)}`;

export function decideCheckIn(enrolmentId: string, decision: CheckInDecision): Promise<void> {
  return apiRequest(`/api/proctoring/enrolments/${id(enrolmentId)}/check-in/decision`, {
    method: 'POST',
    body: decision,
  });
}
