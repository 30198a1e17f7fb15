import type {
  CheckInDecision,
  CheckInPhotoKind,
  CheckInStatus,
  CurrentUser,
  MyCheckIn,
  RosterCheckInsResponse,
} from '@exam/shared/api';
import { withinScope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { scopeOf } from '../../lib/request-actor.js';
import { acceptUpload } from '../../lib/upload-bytes.js';
import type { AuditService } from '../audit/index.js';
import { accommodationsOfCandidates, type AdmissionService } from '../sittings/index.js';
import * as repo from './check-in.repo.js';
import type { ProctoringService } from './proctoring.service.js';
import type { DashboardFeed } from './dashboard-feed.js';

type Actor = Pick<CurrentUser, 'id' | 'roles' | 'association'>;

function presentPhotos(photos: repo.PhotoMeta[]) {
  return photos.map((p) => ({
    id: p.id,
    kind: p.kind as CheckInPhotoKind,
    takenAt: p.takenAt.toISOString(),
  }));
}

/** The face and the ID are both needed before the proctor is asked to decide. */
function statusAfterPhotos(photos: { kind: string }[]): 'waiting' | 'submitted' {
  const kinds = new Set(photos.map((p) => p.kind));
  return kinds.has('face') && kinds.has('id') ? 'submitted' : 'waiting';
}

export type CheckInService = ReturnType<typeof createCheckInService>;

/**
 * Identity at check-in: one record per enrolment. A remote candidate sends webcam photos (face,
 * photo ID, optionally a room scan) or says they have no camera; a proctor of the sitting (or
 * a coordinator) looks at the evidence beside the roster name and admits or refuses with a
 * reason. Every view of a photo and every decision is on the audit log.
 */
export function createCheckInService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  admission: AdmissionService;
  proctoring: Pick<ProctoringService, 'sittingFor' | 'candidateFor' | 'admit'>;
  /** Tells the sitting's dashboards, on every instance, that a check-in changed. */
  feed: Pick<DashboardFeed, 'publishCheckIn'>;
  maxPhotoBytes: number;
}) {
  const { db, clock, admission } = deps;

  /** The candidate's enrolment in a sitting open now, in the association they act for. */
  async function openEnrolment(actor: Actor) {
    const found = await admission.openEnrolmentFor(actor.id);
    const scope = scopeOf(actor);
    if (
      !found ||
      (scope.kind === 'association' && scope.associationId !== found.sitting.associationId)
    )
      return null;
    return { ...found, scope };
  }

  async function ownEnrolment(actor: Actor) {
    const found = await openEnrolment(actor);
    if (!found)
      throw new AppError('NO_OPEN_SITTING', 'You are not enrolled in a sitting that is open now.');
    return found;
  }

  /**
   * The candidate's check-in, or null when no sitting of theirs is open now: a normal answer for
   * a candidate who opens the page early or has no seat, not a failure.
   */
  async function mine(actor: Actor): Promise<MyCheckIn | null> {
    const found = await openEnrolment(actor);
    return found ? present(found) : null;
  }

  type OwnEnrolment = NonNullable<Awaited<ReturnType<typeof openEnrolment>>>;

  async function present({ sitting, entry, scope }: OwnEnrolment): Promise<MyCheckIn> {
    const row = await repo.find(db, scope, entry.enrolmentId);
    const photos = await repo.photosOf(db, scope, [entry.enrolmentId]);
    const status: CheckInStatus =
      (row?.status as CheckInStatus | undefined) ?? (entry.admittedAt ? 'admitted' : 'not-started');
    return {
      enrolmentId: entry.enrolmentId,
      sittingName: sitting.name,
      remote: sitting.remote,
      required: sitting.identityCheck,
      status,
      photos: presentPhotos(photos),
      decisionReason: row?.decisionReason ?? null,
    };
  }

  /** The candidate's own change to their check-in; refused once they are admitted. */
  async function candidateChange(
    actor: Actor,
    change: (ctx: OwnEnrolment) => Promise<void>,
  ): Promise<MyCheckIn> {
    const ctx = await ownEnrolment(actor);
    if (ctx.entry.admittedAt)
      throw new AppError('CONFLICT', 'You are already admitted: go on to your exam.');
    await change(ctx);
    deps.feed.publishCheckIn(ctx.sitting.id, ctx.entry.enrolmentId);
    return present(ctx);
  }

  return {
    mine,

    async addPhoto(actor: Actor, kind: CheckInPhotoKind, dataBase64: string): Promise<MyCheckIn> {
      const { bytes } = acceptUpload(dataBase64, {
        maxBytes: deps.maxPhotoBytes,
        allowed: ['image/jpeg'],
        what: 'The photo',
      });
      return candidateChange(actor, async ({ sitting, entry, scope }) => {
        await withinScope(db, scope, async (tx) => {
          const now = clock.now();
          const base = {
            enrolmentId: entry.enrolmentId,
            associationId: sitting.associationId,
            sittingId: sitting.id,
          };
          // The check-in row first: the photo's foreign key points at it.
          await repo.upsert(tx, scope, {
            ...base,
            mode: 'remote',
            status: 'waiting',
            updatedAt: now,
          });
          await repo.insertPhoto(tx, scope, {
            associationId: sitting.associationId,
            enrolmentId: entry.enrolmentId,
            kind,
            content: bytes,
            sizeBytes: bytes.length,
            takenAt: now,
          });
          const photos = await repo.photosOf(tx, scope, [entry.enrolmentId]);
          await repo.upsert(tx, scope, {
            ...base,
            mode: 'remote',
            status: statusAfterPhotos(photos),
            decisionReason: null,
            decidedBy: null,
            decidedAt: null,
            updatedAt: now,
          });
          await deps.audit.append(tx, {
            actorId: actor.id,
            action: 'check_in.photo_taken',
            subjectType: 'enrolment',
            subjectId: entry.enrolmentId,
            details: { kind, sizeBytes: bytes.length },
          });
        });
      });
    },

    /** No camera, or permission refused: the proctor checks identity another way and decides. */
    async noCamera(actor: Actor, note: string | null): Promise<MyCheckIn> {
      return candidateChange(actor, async ({ sitting, entry, scope }) => {
        await withinScope(db, scope, async (tx) => {
          await repo.upsert(tx, scope, {
            enrolmentId: entry.enrolmentId,
            associationId: sitting.associationId,
            sittingId: sitting.id,
            mode: 'remote',
            status: 'no-camera',
            candidateNote: note,
            updatedAt: clock.now(),
          });
          await deps.audit.append(tx, {
            actorId: actor.id,
            action: 'check_in.no_camera',
            subjectType: 'enrolment',
            subjectId: entry.enrolmentId,
            details: { note },
          });
        });
      });
    },

    /** Every roster entry's check-in, with photo ids (not bytes) and accommodations. */
    async roster(actor: Actor, sittingId: string): Promise<RosterCheckInsResponse> {
      const sitting = await deps.proctoring.sittingFor(actor, sittingId);
      const scope = scopeOf(actor);
      const entries = await admission.inScope(scope).roster(sittingId);
      const rows = new Map(
        (await repo.ofSitting(db, scope, sittingId)).map((r) => [r.enrolmentId, r]),
      );
      const photos = await repo.photosOf(
        db,
        scope,
        entries.map((e) => e.enrolmentId),
      );
      const accommodations = await accommodationsOfCandidates(
        db,
        scope,
        entries.map((e) => e.candidateId),
        clock.now(),
      );
      return {
        required: sitting.identityCheck,
        checkIns: entries.map((entry) => {
          const row = rows.get(entry.enrolmentId);
          const held = accommodations.get(entry.candidateId);
          return {
            enrolmentId: entry.enrolmentId,
            name: entry.name,
            mode: (row?.mode ?? (sitting.remote ? 'remote' : 'in-person')) as
              'remote' | 'in-person',
            status:
              (row?.status as CheckInStatus | undefined) ??
              (entry.admittedAt ? 'admitted' : 'not-started'),
            candidateNote: row?.candidateNote ?? null,
            decisionReason: row?.decisionReason ?? null,
            photos: presentPhotos(photos.filter((p) => p.enrolmentId === entry.enrolmentId)),
            accommodations: held?.summary ?? null,
            accommodationNotes: held?.notes ?? null,
          };
        }),
      };
    },

    /** One photo's bytes for a proctor or coordinator of the sitting; each view is audited. */
    async photo(actor: Actor, enrolmentId: string, photoId: string) {
      await deps.proctoring.candidateFor(actor, enrolmentId);
      const scope = scopeOf(actor);
      return withinScope(db, scope, async (tx) => {
        const found = await repo.photo(tx, scope, enrolmentId, photoId);
        if (!found) throw new AppError('NOT_FOUND', 'No such photo.');
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'check_in.photo_viewed',
          subjectType: 'enrolment',
          subjectId: enrolmentId,
          details: { photoId, kind: found.kind },
        });
        return found.content;
      });
    },

    /**
     * The proctor's decision on the evidence, with a reason. Admitting records the check-in and
     * then admits through proctoring (whose gate now finds the check-in admitted).
     */
    async decide(actor: Actor, enrolmentId: string, decision: CheckInDecision) {
      const entry = await deps.proctoring.candidateFor(actor, enrolmentId);
      if (entry.admittedAt)
        throw new AppError('ALREADY_ADMITTED', `${entry.name} is already admitted.`);
      const sitting = await deps.proctoring.sittingFor(actor, entry.sittingId);
      const scope = scopeOf(actor);
      await withinScope(db, scope, async (tx) => {
        const before = await repo.find(tx, scope, enrolmentId);
        await repo.upsert(tx, scope, {
          enrolmentId,
          associationId: sitting.associationId,
          sittingId: sitting.id,
          mode: before?.mode ?? (sitting.remote ? 'remote' : 'in-person'),
          status: decision.decision === 'admit' ? 'admitted' : 'refused',
          decisionReason: decision.reason,
          decidedBy: actor.id,
          decidedAt: clock.now(),
          updatedAt: clock.now(),
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: decision.decision === 'admit' ? 'check_in.admitted' : 'check_in.refused',
          subjectType: 'enrolment',
          subjectId: enrolmentId,
          details: {
            sittingId: sitting.id,
            reason: decision.reason,
            evidence: before?.status ?? 'none',
          },
        });
      });
      deps.feed.publishCheckIn(sitting.id, enrolmentId);
      if (decision.decision === 'admit') return deps.proctoring.admit(actor, enrolmentId);
      return undefined;
    },
  };
}
