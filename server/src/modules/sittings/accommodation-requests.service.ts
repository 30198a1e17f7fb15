import type {
  AccommodationAsk,
  AccommodationRequest,
  AccommodationRequestInput,
  CurrentUser,
  MyAccommodationsResponse,
} from '@exam/shared/api';
import { withinScope, type Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { acceptUpload } from '../../lib/upload-bytes.js';
import {
  DEFAULT_ACCOMMODATION_REQUEST_DAYS,
  profileFromGrant,
  requestDeadline,
  withinAsk,
} from './accommodation-grant.js';
import { presentRequests } from './accommodation-requests.presenter.js';
import * as repo from './accommodation-requests.repo.js';
import type { createCandidatesService } from './candidates.service.js';
import type { SittingsDeps } from './sittings.deps.js';

type Deps = Pick<
  SittingsDeps,
  'db' | 'clock' | 'audit' | 'users' | 'outbox' | 'publicOrigin' | 'accommodationRequestDays'
> & {
  candidates: Pick<
    ReturnType<typeof createCandidatesService>,
    'applyAccommodations' | 'currentAccommodations'
  >;
  announce(attemptIds: readonly string[], reason: string): void;
  maxDocumentBytes: number;
};

export type AccommodationRequestsService = ReturnType<typeof createAccommodationRequestsService>;

/**
 * Accommodation requests: the candidate asks for their enrolment with supporting documents
 * before the deadline; a coordinator of the association reads the documents (audited) and
 * approves all or part as the candidate's profile, or declines with a reason (mailed).
 */
export function createAccommodationRequestsService(deps: Deps) {
  const { db, clock } = deps;
  const accommodationRequestDays = (tx: DbOrTx, associationId: string) =>
    deps.accommodationRequestDays?.(tx, associationId) ??
    Promise.resolve(DEFAULT_ACCOMMODATION_REQUEST_DAYS);
  const present = (tx: DbOrTx, scope: Scope, rows: repo.RequestRow[]) =>
    presentRequests(tx, scope, rows, deps.users);

  /** The newest request of an enrolment the coordinator's scope reaches, or not found. */
  async function requestOfEnrolment(tx: DbOrTx, scope: Scope, enrolmentId: string) {
    const row = await repo.latestOfEnrolment(tx, scope, enrolmentId);
    if (!row) throw new AppError('NOT_FOUND', 'No accommodation request for that candidate.');
    return row;
  }

  return {
    /** The candidate's open enrolments, each with its deadline and requests. */
    async mine(actor: CurrentUser, scope: Scope): Promise<MyAccommodationsResponse> {
      return withinScope(db, scope, async (tx) => {
        const now = clock.now();
        const enrolments = await repo.enrolmentsOfCandidate(tx, scope, actor.id);
        const rows = await repo.requestsWhere(
          tx,
          scope,
          repo.byEnrolments(enrolments.map((e) => e.enrolmentId)),
        );
        const requests = await present(tx, scope, rows);
        const out = [];
        for (const e of enrolments) {
          const days = await accommodationRequestDays(tx, e.associationId);
          const deadline = requestDeadline(e.startsAt, days);
          const own = requests.filter((r) => r.enrolmentId === e.enrolmentId);
          out.push({
            enrolmentId: e.enrolmentId,
            sittingName: e.sittingName,
            startsAt: e.startsAt?.toISOString() ?? null,
            timeZone: e.timeZone,
            deadline: deadline?.toISOString() ?? null,
            canRequest:
              (deadline === null || now < deadline) && !own.some((r) => r.status === 'pending'),
            requests: own,
          });
        }
        return { enrolments: out, maxDocumentBytes: deps.maxDocumentBytes };
      });
    },

    /**
     * A candidate's request with its documents. Every document is decoded and checked (type
     * by content, size) and the deadline is checked before anything is written, so a refusal
     * stores nothing; the request and its documents then commit together.
     */
    async request(
      actor: CurrentUser,
      scope: Scope,
      input: AccommodationRequestInput,
    ): Promise<AccommodationRequest> {
      const files = input.documents.map((doc) => ({
        fileName: doc.fileName,
        ...acceptUpload(doc.dataBase64, {
          maxBytes: deps.maxDocumentBytes,
          allowed: ['application/pdf', 'image/png', 'image/jpeg'],
          what: `“${doc.fileName}”`,
        }),
      }));
      return withinScope(db, scope, async (tx) => {
        const enrolment = await repo.enrolmentWithSitting(tx, scope, input.enrolmentId);
        if (!enrolment || enrolment.candidateId !== actor.id)
          throw new AppError('NOT_FOUND', 'You have no such place in a sitting.');
        const now = clock.now();
        const days = await accommodationRequestDays(tx, enrolment.associationId);
        const deadline = requestDeadline(enrolment.startsAt, days);
        if (deadline && now >= deadline)
          throw new AppError(
            'REQUEST_DEADLINE_PASSED',
            `Requests for ${enrolment.sittingName} closed ${days} days before the sitting.`,
          );
        const pending = await repo.latestOfEnrolment(tx, scope, enrolment.enrolmentId);
        if (pending?.status === 'pending')
          throw new AppError('REQUEST_PENDING', 'Your earlier request is still being considered.');
        const row = await repo.insertRequest(tx, scope, {
          associationId: enrolment.associationId,
          enrolmentId: enrolment.enrolmentId,
          candidateId: actor.id,
          requested: input.ask,
          requestedAt: now,
        });
        await repo.insertDocuments(
          tx,
          scope,
          files.map((f) => ({
            associationId: enrolment.associationId,
            requestId: row.id,
            fileName: f.fileName,
            contentType: f.type,
            sizeBytes: f.bytes.length,
            content: f.bytes,
            uploadedAt: now,
          })),
        );
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'accommodation.requested',
          subjectType: 'enrolment',
          subjectId: enrolment.enrolmentId,
          details: { requestId: row.id, ask: input.ask, documents: files.length },
        });
        const [presented] = await present(tx, scope, [row]);
        return presented!;
      });
    },

    /** Requests of the coordinator's association, newest first; `status` narrows them. */
    async list(scope: Scope, status?: string): Promise<AccommodationRequest[]> {
      return withinScope(db, scope, async (tx) =>
        present(
          tx,
          scope,
          await repo.requestsWhere(tx, scope, status ? repo.byStatus(status) : undefined),
        ),
      );
    },

    async forEnrolment(scope: Scope, enrolmentId: string): Promise<AccommodationRequest> {
      return withinScope(db, scope, async (tx) => {
        const [presented] = await present(tx, scope, [
          await requestOfEnrolment(tx, scope, enrolmentId),
        ]);
        return presented!;
      });
    },

    /** A supporting document's bytes for a coordinator; every read is on the audit log. */
    async readDocument(actor: CurrentUser, scope: Scope, enrolmentId: string, documentId: string) {
      return withinScope(db, scope, async (tx) => {
        const request = await requestOfEnrolment(tx, scope, enrolmentId);
        const doc = await repo.documentContent(tx, scope, request.id, documentId);
        if (!doc) throw new AppError('NOT_FOUND', 'No such document.');
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'accommodation.document_read',
          subjectType: 'enrolment',
          subjectId: enrolmentId,
          details: { requestId: request.id, documentId, fileName: doc.fileName },
        });
        return { fileName: doc.fileName, contentType: doc.contentType, content: doc.content };
      });
    },

    /** Approves all or part of the pending request: the grant becomes the candidate's profile. */
    async approve(
      actor: CurrentUser,
      scope: Scope,
      enrolmentId: string,
      grant: AccommodationAsk,
    ): Promise<AccommodationRequest> {
      const done = await withinScope(db, scope, async (tx) => {
        const request = await requestOfEnrolment(tx, scope, enrolmentId);
        if (request.status !== 'pending')
          throw new AppError('REQUEST_DECIDED', 'This request has already been decided.');
        if (!withinAsk(grant, request.requested))
          throw new AppError('VALIDATION_FAILED', 'An approval can grant only what was asked.');
        const now = clock.now();
        await repo.decide(tx, scope, request.id, {
          status: 'approved',
          granted: grant,
          declineReason: null,
          decidedAt: now,
          decidedBy: actor.id,
        });
        const current = await deps.candidates.currentAccommodations(tx, scope, request.candidateId);
        const profile = profileFromGrant(grant, {
          extraMinutesPart1: current?.extraMinutesPart1 ?? 0,
          extraMinutesPart2: current?.extraMinutesPart2 ?? 0,
          highContrast: current?.highContrast ?? false,
        });
        const applied = await deps.candidates.applyAccommodations(
          tx,
          actor,
          scope,
          request.candidateId,
          profile,
        );
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'accommodation.approved',
          subjectType: 'enrolment',
          subjectId: enrolmentId,
          details: { requestId: request.id, granted: grant, asked: request.requested },
        });
        const [presented] = await present(tx, scope, [
          (await repo.latestOfEnrolment(tx, scope, enrolmentId))!,
        ]);
        return { presented: presented!, applied };
      });
      deps.announce(done.applied.attemptIds, done.applied.reason);
      return done.presented;
    },

    /** Declines the pending request with a reason; the candidate is mailed the reason. */
    async decline(
      actor: CurrentUser,
      scope: Scope,
      enrolmentId: string,
      reason: string,
    ): Promise<AccommodationRequest> {
      return withinScope(db, scope, async (tx) => {
        const request = await requestOfEnrolment(tx, scope, enrolmentId);
        const enrolment = await repo.enrolmentWithSitting(tx, scope, enrolmentId);
        const decided = await repo.decide(tx, scope, request.id, {
          status: 'declined',
          granted: null,
          declineReason: reason,
          decidedAt: clock.now(),
          decidedBy: actor.id,
        });
        if (!decided || !enrolment)
          throw new AppError('REQUEST_DECIDED', 'This request has already been decided.');
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'accommodation.declined',
          subjectType: 'enrolment',
          subjectId: enrolmentId,
          details: { requestId: request.id, reason },
        });
        const [person] = await deps.users.mailContactsOf(tx, [request.candidateId]);
        if (person && deps.outbox)
          await deps.outbox.enqueue(
            {
              to: person.email,
              recipientName: person.displayName,
              associationId: enrolment.associationId,
              ...(person.timeZone ? { timeZone: person.timeZone } : {}),
              template: {
                kind: 'accommodation-request-declined',
                sittingName: enrolment.sittingName,
                reason,
                signInLink: `${deps.publicOrigin ?? ''}/accommodations`,
              },
              dedupeKey: `accommodation-request-declined:${request.id}`,
            },
            tx,
          );
        const [presented] = await present(tx, scope, [
          (await repo.latestOfEnrolment(tx, scope, enrolmentId))!,
        ]);
        return presented!;
      });
    },
  };
}
