import {
  associationResponseSchema,
  associationsResponseSchema,
  brandingResponseSchema,
  type Association,
  type AssociationBranding,
  type AssociationSettingsInput,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

export async function listAssociations(signal?: AbortSignal): Promise<Association[]> {
  const body = await apiRequest('/api/associations', {
    schema: associationsResponseSchema,
    ...withSignal(signal),
  });
  return body.associations;
}

export async function getAssociation(associationId: string, signal?: AbortSignal) {
  const body = await apiRequest(`/api/associations/${id(associationId)}`, {
    schema: associationResponseSchema,
    ...withSignal(signal),
  });
  return body.association;
}

export async function createAssociation(settings: AssociationSettingsInput): Promise<Association> {
  const body = await apiRequest('/api/associations', {
    method: 'POST',
    body: settings,
    schema: associationResponseSchema,
  });
  return body.association;
}

export async function saveAssociation(
  associationId: string,
  settings: AssociationSettingsInput,
): Promise<Association> {
  const body = await apiRequest(`/api/associations/${id(associationId)}`, {
    method: 'PUT',
    body: settings,
    schema: associationResponseSchema,
  });
  return body.association;
}

export async function getBranding(signal?: AbortSignal): Promise<AssociationBranding | null> {
  const body = await apiRequest('/api/branding', {
    schema: brandingResponseSchema,
    ...withSignal(signal),
  });
  return body.branding;
}
