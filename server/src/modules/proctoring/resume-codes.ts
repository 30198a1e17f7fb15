import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import {
  RESUME_CODE_MAX_FAILURES,
  RESUME_CODE_TTL_MINUTES,
  RESUME_CODE_WINDOW_MINUTES,
} from '@exam/shared/api';
import { withinScope, type Scope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { DeliveryService } from '../delivery/index.js';
import * as repo from './proctoring.repo.js';

/** No 0/O or 1/I: the code is read aloud or off a screen and typed on another device. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

function newCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** Case, spaces and dashes do not matter when typing a code. */
function normalise(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function hashOf(attemptId: string, code: string): Buffer {
  return createHash('sha256')
    .update(`resume:${attemptId}:${normalise(code)}`)
    .digest();
}

export type ResumeCodes = ReturnType<typeof createResumeCodes>;

/**
 * One-time resume codes. THE RULE: a device whose sign-in session differs from the one that
 * last connected to an attempt needs a code while the attempt is in progress (a part started
 * and not every part closed) and the previous device is connected or was within
 * RESUME_CODE_WINDOW_MINUTES. Another tab of the same session, a first connection, or a device
 * returning after the window needs none. The proctor issues the code after checking identity;
 * it lasts RESUME_CODE_TTL_MINUTES, works once, is bound to the session that redeems it, and
 * is void after RESUME_CODE_MAX_FAILURES wrong guesses. Issuing a new one voids older ones.
 * A device that proves the attempt's registered key (delivery/device-proof.ts) never reaches
 * this gate: the same computer resumes after signing in again without a code.
 */
export function createResumeCodes(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  delivery: Pick<DeliveryService, 'loadContext' | 'monitor'>;
}) {
  const { db } = deps;
  // Sockets do not survive a restart, so a connect from before it has ended by then at the latest.
  const startedAt = deps.clock.now().getTime();

  return {
    /** Issues a code as a proctor, behind their scope's row-level security (`scope`). */
    async issue(
      attemptId: string,
      actorId: string,
      scope: Scope,
    ): Promise<{ code: string; expiresAt: Date }> {
      const code = newCode();
      const now = deps.clock.now();
      const expiresAt = new Date(now.getTime() + RESUME_CODE_TTL_MINUTES * 60_000);
      await withinScope(db, scope, async (tx) => {
        await repo.revokeOpenCodes(tx, attemptId, now);
        await repo.insertResumeCode(tx, {
          attemptId,
          codeHash: hashOf(attemptId, code).toString('hex'),
          issuedBy: actorId,
          issuedAt: now,
          expiresAt,
        });
        await deps.audit.append(tx, {
          actorId,
          action: 'resume-code.issued',
          subjectType: 'attempt',
          subjectId: attemptId,
          details: { expiresAt: expiresAt.toISOString() },
        });
      });
      return { code, expiresAt };
    },

    /** Redeems a code for the candidate's session; throws a clear refusal otherwise. */
    async redeem(attemptId: string, code: string, sessionKey: string, actorId: string) {
      const now = deps.clock.now();
      const wanted = hashOf(attemptId, code);
      const refusal = await db.transaction(async (tx) => {
        const codes = await repo.codesForAttempt(tx, attemptId);
        const match = codes.find((row) => {
          const stored = Buffer.from(row.codeHash, 'hex');
          return stored.length === wanted.length && timingSafeEqual(stored, wanted);
        });
        const usable = !!match && !match.usedAt && !match.revokedAt && match.expiresAt > now;
        if (match && usable && (await repo.markCodeUsed(tx, match.id, now, sessionKey))) {
          await deps.audit.append(tx, {
            actorId,
            action: 'resume-code.redeemed',
            subjectType: 'attempt',
            subjectId: attemptId,
          });
          return undefined;
        }
        if (!match) {
          // A wrong guess counts against the code that is live, so guessing cannot go on forever.
          const live = codes.find((row) => !row.usedAt && !row.revokedAt && row.expiresAt > now);
          if (live) await repo.recordFailedGuess(tx, live.id, now, RESUME_CODE_MAX_FAILURES);
        }
        const reason = !match
          ? 'wrong'
          : match.usedAt
            ? 'used'
            : match.revokedAt
              ? 'revoked'
              : 'expired';
        await deps.audit.append(tx, {
          actorId,
          action: 'resume-code.refused',
          subjectType: 'attempt',
          subjectId: attemptId,
          details: { reason },
        });
        return reason;
      });
      switch (refusal) {
        case undefined:
          return;
        case 'used':
          throw new AppError(
            'RESUME_CODE_USED',
            'That code was already used. Ask the proctor for a new one.',
            409,
          );
        case 'expired':
          throw new AppError(
            'RESUME_CODE_EXPIRED',
            'That code has expired. Ask the proctor for a new one.',
            410,
          );
        default:
          throw new AppError(
            'RESUME_CODE_INVALID',
            'That code is not valid. Check it, or ask the proctor for a new one.',
            400,
          );
      }
    },

    /** The exam socket's gate: a refusal message when this session needs a code, else null. */
    async gate(attemptId: string, sessionKey: string): Promise<string | null> {
      const context = await deps.delivery.loadContext(attemptId);
      const parts = [...context.parts.values()].map((p) => p.row);
      const inProgress = parts.some((p) => p.startedAt) && parts.some((p) => !p.closedAt);
      if (!inProgress) return null;
      const events = await deps.delivery.monitor.connectionEvents([attemptId]);
      const lastConnect = events.findLast((e) => e.type === 'connect');
      if (!lastConnect?.session || lastConnect.session === sessionKey) return null;
      const left = events.findLast(
        (e) => e.id > lastConnect.id && e.type === 'disconnect' && !e.takenOver,
      );
      const now = deps.clock.now().getTime();
      const lastSeen = left
        ? left.at.getTime()
        : lastConnect.at.getTime() < startedAt
          ? startedAt
          : now;
      if (now - lastSeen >= RESUME_CODE_WINDOW_MINUTES * 60_000) return null;
      if (await repo.redeemedSince(db, attemptId, sessionKey, lastConnect.at)) return null;
      return 'Your exam is open on another device. Ask the proctor for a resume code and enter it here to continue on this device.';
    },
  };
}
