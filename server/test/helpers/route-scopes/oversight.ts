import { target, type RouteScope } from './route-scope.js';

/** The programme's views, the audit log, privacy and retention, and the mail page. */
export const oversightRoutes: Record<string, RouteScope> = {
  'GET /api/programme/overview': { kind: 'programme' },
  'GET /api/programme/export.csv': { kind: 'programme' },
  'GET /api/programme/export.xlsx': { kind: 'programme' },
  'GET /api/audit/entries': { kind: 'programme' },
  'GET /api/audit/verify': { kind: 'programme' },
  'GET /api/audit/export': { kind: 'programme' },
  'GET /api/privacy/my-data': { kind: 'own' },
  'GET /api/privacy/retention': { kind: 'list' },
  'POST /api/privacy/retention/confirm': target(
    () => '/api/privacy/retention/confirm',
    (a) => ({ sittingIds: [a.sittingId] }),
  ),
  'GET /api/mail/messages': { kind: 'list' },
  'GET /api/mail/messages/:id': target((a) => `/api/mail/messages/${a.mailId}`),
  'POST /api/mail/messages/:id/resolve': target(
    (a) => `/api/mail/messages/${a.mailId}/resolve`,
    () => ({ action: 'resend' }),
  ),
};
