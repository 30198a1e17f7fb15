import {
  bankFormListResponseSchema,
  bankFormResponseSchema,
  bankItemListResponseSchema,
  bankItemResponseSchema,
  blueprintsResponseSchema,
  formPreviewResponseSchema,
  type AssembleFormRequest,
  type BankFormDetail,
  type BankFormSummary,
  type BankItemContent,
  type BankItemDetail,
  type BankItemListQuery,
  type BankItemSummary,
  type BlueprintsResponse,
  type FormPreviewResponse,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

/** The item bank API (server/src/modules/bank/bank.routes.ts) as the console calls it. */

export async function listItems(
  query: BankItemListQuery,
  signal?: AbortSignal,
): Promise<BankItemSummary[]> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  const body = await apiRequest(`/api/bank/items${search ? `?${search}` : ''}`, {
    schema: bankItemListResponseSchema,
    ...withSignal(signal),
  });
  return body.items;
}

export async function getItem(itemId: string, signal?: AbortSignal): Promise<BankItemDetail> {
  const body = await apiRequest(`/api/bank/items/${id(itemId)}`, {
    schema: bankItemResponseSchema,
    ...withSignal(signal),
  });
  return body.item;
}

export async function saveItem(
  itemId: string | null,
  content: BankItemContent,
): Promise<BankItemDetail> {
  const body = await apiRequest(itemId ? `/api/bank/items/${id(itemId)}` : '/api/bank/items', {
    method: itemId ? 'PUT' : 'POST',
    body: content,
    schema: bankItemResponseSchema,
  });
  return body.item;
}

export async function itemAction(
  itemId: string,
  action: 'publish' | 'retire',
): Promise<BankItemDetail> {
  const body = await apiRequest(`/api/bank/items/${id(itemId)}/${action}`, {
    method: 'POST',
    schema: bankItemResponseSchema,
  });
  return body.item;
}

export function getBlueprints(signal?: AbortSignal): Promise<BlueprintsResponse> {
  return apiRequest('/api/bank/blueprints', {
    schema: blueprintsResponseSchema,
    ...withSignal(signal),
  });
}

export async function listForms(signal?: AbortSignal): Promise<BankFormSummary[]> {
  const body = await apiRequest('/api/bank/forms', {
    schema: bankFormListResponseSchema,
    ...withSignal(signal),
  });
  return body.forms;
}

export async function assembleForm(input: AssembleFormRequest): Promise<BankFormDetail> {
  const body = await apiRequest('/api/bank/forms', {
    method: 'POST',
    body: input,
    schema: bankFormResponseSchema,
  });
  return body.form;
}

export async function formAction(
  formId: string,
  action: 'activate' | 'retire',
): Promise<BankFormDetail> {
  const body = await apiRequest(`/api/bank/forms/${id(formId)}/${action}`, {
    method: 'POST',
    schema: bankFormResponseSchema,
  });
  return body.form;
}

export function previewForm(formId: string, signal?: AbortSignal): Promise<FormPreviewResponse> {
  return apiRequest(`/api/bank/forms/${id(formId)}/preview`, {
    schema: formPreviewResponseSchema,
    ...withSignal(signal),
  });
}
