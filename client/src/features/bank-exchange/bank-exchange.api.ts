import {
  bankItemResponseSchema,
  qtiImportPreviewSchema,
  qtiImportResultSchema,
  type BankItemDetail,
  type QtiImportPreview,
  type QtiImportResult,
} from '@exam/shared/api';
import { apiRequest, id } from '../../lib/api';

/** The bank's exchange API (server/src/modules/bank/qti, review.routes.ts) as the console calls it. */

/** Where the browser downloads the whole bank as a QTI 3.0 package. */
export const bankExportUrl = '/api/bank/qti/export';
export const formExportUrl = (formId: string) => `/api/bank/forms/${id(formId)}/qti`;

const zip = (file: Blob) => ({ data: file, type: 'application/zip' });

export function previewQtiImport(file: Blob): Promise<QtiImportPreview> {
  return apiRequest('/api/bank/qti/import/preview', {
    method: 'POST',
    upload: zip(file),
    schema: qtiImportPreviewSchema,
  });
}

/** Sends the same file again with the preview's digest: the server applies only that plan. */
export function confirmQtiImport(file: Blob, planDigest: string): Promise<QtiImportResult> {
  return apiRequest(`/api/bank/qti/import/confirm?plan=${id(planDigest)}`, {
    method: 'POST',
    upload: zip(file),
    schema: qtiImportResultSchema,
  });
}

export async function markForReview(itemId: string, note: string): Promise<BankItemDetail> {
  const body = await apiRequest(`/api/bank/items/${id(itemId)}/review`, {
    method: 'POST',
    body: { note },
    schema: bankItemResponseSchema,
  });
  return body.item;
}

export async function clearReview(itemId: string, outcome: string): Promise<BankItemDetail> {
  const body = await apiRequest(`/api/bank/items/${id(itemId)}/review/clear`, {
    method: 'POST',
    body: { outcome },
    schema: bankItemResponseSchema,
  });
  return body.item;
}
