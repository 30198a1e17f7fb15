import {
  mailDetailSchema,
  mailListResponseSchema,
  mailSummarySchema,
  type MailDetail,
  type MailListResponse,
  type MailStatusName,
  type MailSummary,
} from '@exam/shared/api';
import { apiRequest, id, withSignal } from '../../lib/api';

export function listMail(
  status: MailStatusName | '',
  signal?: AbortSignal,
): Promise<MailListResponse> {
  const query = status ? `?status=${status}` : '';
  return apiRequest(`/api/mail/messages${query}`, {
    schema: mailListResponseSchema,
    ...withSignal(signal),
  });
}

export function getMail(mailId: string, signal?: AbortSignal): Promise<MailDetail> {
  return apiRequest(`/api/mail/messages/${id(mailId)}`, {
    schema: mailDetailSchema,
    ...withSignal(signal),
  });
}

export function resolveMail(mailId: string, action: 'resend' | 'mark-sent'): Promise<MailSummary> {
  return apiRequest(`/api/mail/messages/${id(mailId)}/resolve`, {
    method: 'POST',
    body: { action },
    schema: mailSummarySchema,
  });
}
