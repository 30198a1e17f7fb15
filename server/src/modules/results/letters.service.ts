import { randomBytes } from 'node:crypto';
import {
  letterIdentifierSchema,
  letterVerificationPath,
  releasedResultSchema,
  type CurrentUser,
  type LetterEntry,
  type LettersResponse,
  type LetterVerification,
  type ReleasedResult,
} from '@exam/shared/api';
import { programmeScope, withinScope, type Scope } from '../../db/association-scope.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { scopeOf } from '../../lib/request-actor.js';
import type { AuditService } from '../audit/index.js';
import { letterheadOf, userNamesByIds, type Letterhead } from '../auth/index.js';
import { letterSittingOf, scopedSittingOf, type LetterSitting } from '../sittings/index.js';
import { endorsementTitle, formatDay, isoDay } from './letters.format.js';
import { renderLetterPdf } from './letters.pdf.js';
import * as lettersRepo from './letters.repo.js';
import { weakDomains } from './results.compute.js';
import type { StudyPointersService } from './study-pointers.service.js';

export type LettersService = ReturnType<typeof createLettersService>;

const notFound = () => new AppError('NOT_FOUND', 'No such letter.', 404);

/** 256 random bits: far past guessing, and short enough to type from a printed letter. */
function newIdentifier(): string {
  return randomBytes(32).toString('base64url');
}

/** Who may hold letters at all: the rest (graders, proctors, …) are told there is none. */
function mayHoldLetters(actor: CurrentUser): boolean {
  return actor.roles.some((r) => r === 'admin' || r === 'coordinator' || r === 'candidate');
}

/** Staff read every letter within their scope; a candidate only their own. */
function readsAnyLetter(actor: CurrentUser): boolean {
  return actor.roles.includes('admin') || actor.roles.includes('coordinator');
}

/**
 * Results letters: a released result as a PDF on the association's letterhead, issued once per
 * result with an unguessable identifier, and the public check of that identifier. Everything a
 * signed-in person reads runs behind the second wall (withinScope).
 */
export function createLettersService(deps: {
  db: Db;
  clock: Clock;
  publicOrigin: string;
  audit: Pick<AuditService, 'append'>;
  pointers: Pick<StudyPointersService, 'forDomains'>;
}) {
  const { db } = deps;

  async function withPointers(stored: Record<string, unknown>): Promise<ReleasedResult> {
    const result = stored as unknown as Omit<ReleasedResult, 'studyPointers'>;
    return releasedResultSchema.parse({
      ...result,
      studyPointers: await deps.pointers.forDomains(weakDomains(result)),
    });
  }

  /** The letter already issued for this result, or a new one stored (and audited) now. */
  async function issued(
    tx: Tx,
    of: {
      actor: CurrentUser;
      scope: Scope;
      sitting: LetterSitting;
      released: { attemptId: string; candidateId: string; passed: boolean };
      candidateName: string;
      letterhead: Pick<Letterhead, 'name' | 'timeZone'>;
    },
  ): Promise<lettersRepo.LetterRow> {
    const { actor, scope, sitting, released, candidateName, letterhead } = of;
    const existing = await lettersRepo.letterOfAttempt(tx, scope, released.attemptId);
    if (existing) return existing;
    const now = deps.clock.now();
    const identifier = newIdentifier();
    await lettersRepo.insertLetterOnce(tx, {
      identifier,
      attemptId: released.attemptId,
      sittingId: sitting.sittingId,
      associationId: sitting.associationId,
      candidateName,
      endorsement: endorsementTitle(sitting),
      passed: released.passed,
      sittingDate: isoDay(sitting.startsAt ?? now, letterhead.timeZone),
      associationName: letterhead.name,
      issuedAt: now,
    });
    const stored = await lettersRepo.letterOfAttempt(tx, scope, released.attemptId);
    if (!stored) throw notFound();
    if (stored.identifier === identifier)
      await deps.audit.append(tx, {
        actorId: actor.id,
        action: 'results.letter_issued',
        subjectType: 'sitting',
        subjectId: sitting.sittingId,
        // Not the identifier: it is what lets a stranger read the letter's summary.
        details: { candidateId: released.candidateId },
      });
    return stored;
  }

  return {
    /** The results letter of one candidate in one sitting, as PDF bytes and a file name. */
    async letterPdf(
      actor: CurrentUser,
      sittingId: string,
      candidateId: string,
    ): Promise<{ filename: string; pdf: Buffer }> {
      if (!mayHoldLetters(actor)) throw notFound();
      if (!readsAnyLetter(actor) && candidateId !== actor.id) throw notFound();
      const scope = scopeOf(actor);
      const content = await withinScope(db, scope, async (tx) => {
        const sitting = await letterSittingOf(tx, scope, sittingId, candidateId);
        if (!sitting || sitting.status !== 'released') throw notFound();
        const released = await lettersRepo.releasedResultOf(tx, sittingId, candidateId);
        const letterhead = await letterheadOf(tx, sitting.associationId);
        const name = (await userNamesByIds(tx, [candidateId])).get(candidateId);
        if (!released || !letterhead || !name) throw notFound();
        const letter = await issued(tx, {
          actor,
          scope,
          sitting,
          released,
          candidateName: name.displayName,
          letterhead,
        });
        return { sitting, released, letterhead, letter };
      });
      const { sitting, released, letterhead, letter } = content;
      const result = await withPointers(released.result);
      const zone = letterhead.timeZone;
      const pdf = await renderLetterPdf({
        letterhead,
        identifier: letter.identifier,
        verificationUrl: `${deps.publicOrigin}${letterVerificationPath(letter.identifier)}`,
        candidateName: letter.candidateName,
        endorsement: letter.endorsement,
        sittingDate: formatDay(sitting.startsAt ?? letter.issuedAt, zone),
        issuedOn: formatDay(letter.issuedAt, zone),
        revisedOn: result.revised ? formatDay(new Date(result.revised.at), zone) : null,
        result,
      });
      return { filename: `results-letter-${letter.identifier.slice(0, 8)}.pdf`, pdf };
    },

    /** The candidate's own released results a letter can be downloaded for. */
    async mine(actor: CurrentUser): Promise<LettersResponse> {
      const scope = scopeOf(actor);
      return withinScope(db, scope, async (tx) => {
        const released = await lettersRepo.releasedOfCandidate(tx, actor.id);
        const entries: LetterEntry[] = [];
        for (const row of released) {
          const sitting = await scopedSittingOf(tx, scope, row.sittingId);
          if (!sitting || sitting.status !== 'released') continue;
          entries.push(entryOf(row, sitting.name, actor.displayName));
        }
        return { letters: entries };
      });
    },

    /** A released sitting's letters, for its association's coordinator or an administrator. */
    async ofSitting(actor: CurrentUser, sittingId: string): Promise<LettersResponse> {
      const scope = scopeOf(actor);
      return withinScope(db, scope, async (tx) => {
        const sitting = await scopedSittingOf(tx, scope, sittingId);
        if (!sitting) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
        if (sitting.status !== 'released') return { letters: [] };
        const released = await lettersRepo.releasedOfSitting(tx, sittingId);
        const names = await userNamesByIds(
          tx,
          released.map((r) => r.candidateId),
        );
        return {
          letters: released
            .map((row) =>
              entryOf(row, sitting.name, names.get(row.candidateId)?.displayName ?? 'Unknown'),
            )
            .sort((a, b) => a.candidateName.localeCompare(b.candidateName)),
        };
      });
    },

    /** The public check: what the letter with this identifier states, or that there is none. */
    async verify(identifier: string): Promise<LetterVerification> {
      if (!letterIdentifierSchema.safeParse(identifier).success) return { status: 'unknown' };
      const letter = await lettersRepo.letterByIdentifier(db, programmeScope, identifier);
      if (!letter) return { status: 'unknown' };
      return {
        status: 'verified',
        letter: {
          identifier: letter.identifier,
          endorsement: letter.endorsement,
          passed: letter.passedNow,
        },
      };
    },
  };
}

function entryOf(
  row: { sittingId: string; candidateId: string; passed: boolean; releasedAt: Date },
  sittingName: string,
  candidateName: string,
): LetterEntry {
  return {
    sittingId: row.sittingId,
    sittingName,
    candidateId: row.candidateId,
    candidateName,
    passed: row.passed,
    releasedAt: row.releasedAt.toISOString(),
  };
}
