import {
  auditPageSchema,
  auditVerifyReportSchema,
  type AuditPage,
  type AuditVerifyReport,
} from '@exam/shared/api';
import { apiRequest, envelope, withSignal } from '../../lib/api';

/** A plain link: the browser downloads the file with the session cookie, no script involved. */
export const AUDIT_EXPORT_URL = '/api/audit/export';

/** The filter form's fields as typed; blank means "any". Times are the browser's local time. */
export interface AuditFilterFields {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  from: string;
  to: string;
}

export const noFilters: AuditFilterFields = {
  actor: '',
  action: '',
  subjectType: '',
  subjectId: '',
  from: '',
  to: '',
};

const filterNames = Object.keys(noFilters) as (keyof AuditFilterFields)[];

/** The filters a page address carries (`?action=auth.&actor=…`), so a view can be shared. */
export function filtersFromAddress(params: URLSearchParams): AuditFilterFields {
  const filters = { ...noFilters };
  for (const name of filterNames) filters[name] = params.get(name) ?? '';
  return filters;
}

/** The address's query for `filters`: only the fields that filter. */
export function addressOfFilters(filters: AuditFilterFields): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of filterNames) if (filters[name].trim() !== '') params.set(name, filters[name]);
  return params;
}

/** `datetime-local` gives local wall time without a zone; the server takes an instant. */
function localToIso(value: string): string | undefined {
  if (value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

export async function listAuditEntries(
  filters: AuditFilterFields,
  before: number | null,
  signal?: AbortSignal,
): Promise<AuditPage> {
  const params = new URLSearchParams();
  const values: Record<string, string | undefined> = {
    actor: filters.actor.trim(),
    action: filters.action.trim(),
    subjectType: filters.subjectType.trim(),
    subjectId: filters.subjectId.trim(),
    from: localToIso(filters.from),
    to: localToIso(filters.to),
    before: before === null ? undefined : String(before),
  };
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  return apiRequest(`/api/audit/entries?${params.toString()}`, {
    schema: auditPageSchema,
    ...withSignal(signal),
  });
}

export async function verifyAuditChain(): Promise<AuditVerifyReport> {
  const body = await apiRequest('/api/audit/verify', {
    schema: envelope('report', auditVerifyReportSchema),
  });
  return body.report;
}
