import type {
  AuthorisationCreated,
  AuthorisationImportReport,
  AuthorisationImportRequest,
  AuthorisationInput,
  AuthorisationSource,
  CurrentUser,
  ExtendAuthorisation,
} from '@exam/shared/api';
import {
  associationScope,
  withinScope,
  type AssociationScope,
  type Scope,
} from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { bookableSittingsOf } from '../sittings/index.js';
import {
  applicantReader,
  candidateFor,
  tellHolders,
  type Applicant,
} from './authorisation-applicants.js';
import { parseAuthorisationCsv } from './authorisation-csv.js';
import { markAlreadyHeld, markRepeatedRows, refuseHeld } from './authorisation-repeats.js';
import * as repo from './authorisations.repo.js';
import type { AuthorisationRow } from './authorisations.repo.js';
import type { BookingsDeps } from './bookings.deps.js';
import { expiryFor } from './booking-rules.js';
import { createBookingSettings, settingsFor } from './booking-settings.js';

/** What granting an authorisation needs; `validFrom` defaults to now, `expiresAt` to the rule. */
export interface GrantAuthorisation {
  associationId: string;
  candidateId: string;
  examEndorsement: string;
  category: string;
  track: string | null;
  parts: number[];
  source: AuthorisationSource;
  reference?: string | null;
  validFrom?: Date;
  expiresAt?: Date;
  /** Who granted it; null for the system (a retake rule). */
  grantedBy: string | null;
}

export type AuthorisationsService = ReturnType<typeof createAuthorisationsService>;

/**
 * Authorisations to test: granted by import, by a coordinator or by a retake rule, each with a
 * window by the association's rule, extended only with a reason. Every change is audited in its
 * transaction. The association's booking rules are read and changed here too (booking-settings.ts).
 */
export function createAuthorisationsService(deps: BookingsDeps) {
  const { db } = deps;

  /** Grants in the caller's transaction (an entry by hand, an import), after its repeat check. */
  async function grantAuthorisation(tx: DbOrTx, input: GrantAuthorisation) {
    const scope = associationScope(input.associationId);
    const validFrom = input.validFrom ?? deps.clock.now();
    const settings = await settingsFor(tx, input.associationId);
    const starts = (await bookableSittingsOf(tx, scope)).flatMap((s) =>
      s.startsAt ? [s.startsAt] : [],
    );
    const [saved] = await repo.insertAuthorisations(tx, [
      {
        associationId: input.associationId,
        candidateId: input.candidateId,
        examEndorsement: input.examEndorsement,
        category: input.category,
        track: input.track,
        parts: [...new Set(input.parts)].sort(),
        validFrom,
        expiresAt: input.expiresAt ?? expiryFor(settings, validFrom, starts),
        source: input.source,
        reference: input.reference ?? null,
        createdBy: input.grantedBy,
        createdAt: deps.clock.now(),
      },
    ]);
    if (!saved) throw new Error('insert returned no authorisation');
    await deps.audit.append(tx, {
      actorId: input.grantedBy,
      action: 'bookings.authorisation_granted',
      subjectType: 'authorisation',
      subjectId: saved.id,
      details: {
        candidateId: saved.candidateId,
        source: saved.source,
        parts: saved.parts,
        expiresAt: saved.expiresAt.toISOString(),
      },
    });
    return saved;
  }

  return {
    ...createBookingSettings(deps),
    grantAuthorisation,

    /**
     * One authorisation entered by hand. An address the association has no candidate for is
     * invited when a name is given; the answer then carries no id, so an address held by
     * another association (nothing attached, its holder mailed) answers exactly the same. A
     * repeat of what the candidate holds is refused, as the import refuses it, under its lock.
     */
    async create(
      actor: CurrentUser,
      scope: AssociationScope,
      input: AuthorisationInput,
    ): Promise<AuthorisationCreated> {
      const outcome = await withinScope(db, scope, async (tx) => {
        await repo.lockGrants(tx, scope.associationId);
        const read = await applicantReader(deps, tx, scope, [input.email]);
        const applicant = read({ email: input.email, name: input.name ?? null });
        if (applicant.kind === 'refused') {
          throw new AppError('NOT_FOUND', applicant.error, 404);
        }
        if (applicant.kind === 'member')
          await refuseHeld(tx, scope, applicant.candidate.id, input, deps.clock.now());
        const candidateId = await candidateFor(deps, tx, actor, scope, applicant, new Map());
        const saved = candidateId
          ? await grantAuthorisation(tx, {
              associationId: scope.associationId,
              candidateId,
              examEndorsement: input.examEndorsement,
              category: input.category,
              track: input.track,
              parts: input.parts,
              reference: input.reference,
              source: 'coordinator',
              grantedBy: actor.id,
            })
          : null;
        return { applicant, saved };
      });
      await tellHolders(deps, scope, [outcome.applicant]);
      return outcome.applicant.kind === 'invite'
        ? { id: null, invited: { email: input.email } }
        : { id: outcome.saved?.id ?? null, invited: null };
    },

    /**
     * Validates every row; commits all of them or none (the roster import's rule). Addresses
     * without an account here are invited, all in the same transaction. A row repeated in the
     * file, or one the candidate already holds a running authorisation for, is an error on that
     * row (as the enrolment import treats a repeated address or a candidate already enrolled),
     * so importing the same file twice grants nothing the second time and says why.
     */
    async importCsv(
      actor: CurrentUser,
      scope: AssociationScope,
      input: AuthorisationImportRequest,
    ): Promise<AuthorisationImportReport> {
      const parsed = parseAuthorisationCsv(input.csv);
      markRepeatedRows(parsed.rows);
      const outcome = await withinScope(db, scope, async (tx) => {
        if (input.commit) await repo.lockGrants(tx, scope.associationId);
        const read = await applicantReader(
          deps,
          tx,
          scope,
          parsed.rows.map((r) => r.email),
        );
        const applicants = parsed.rows.map((row) => {
          if (!row.email || row.errors.length > 0) return null;
          const applicant = read(row);
          if (applicant.kind === 'refused') row.errors.push(applicant.error);
          return applicant;
        });
        const members = applicants.map((a) => (a?.kind === 'member' ? a.candidate.id : null));
        await markAlreadyHeld(tx, scope, parsed.rows, members, deps.clock.now());
        const errorCount = parsed.rows.filter((r) => r.errors.length > 0).length;
        const commit = input.commit && errorCount === 0 && parsed.fileErrors.length === 0;
        if (commit) {
          const invited = new Map<string, string>();
          for (const [index, row] of parsed.rows.entries()) {
            const applicant = applicants[index];
            if (!applicant || applicant.kind === 'refused') continue;
            const candidateId = await candidateFor(deps, tx, actor, scope, applicant, invited);
            if (!candidateId) continue;
            await grantAuthorisation(tx, {
              associationId: scope.associationId,
              candidateId,
              examEndorsement: row.examEndorsement!,
              category: row.category!,
              track: row.track,
              parts: row.parts,
              reference: row.reference,
              source: 'import',
              grantedBy: actor.id,
            });
          }
        }
        return { commit, errorCount, applicants };
      });
      const { commit, errorCount, applicants } = outcome;
      const known = applicants.filter((a): a is Applicant => a !== null);
      if (commit) await tellHolders(deps, scope, known);
      const toInvite = known.filter((a) => a.kind === 'invite').map((a) => a.email);
      return {
        committed: commit,
        fileErrors: parsed.fileErrors,
        rows: parsed.rows.map((r, index) => ({
          line: r.line,
          email: r.email,
          examEndorsement: r.examEndorsement,
          category: r.category,
          parts: r.parts,
          action:
            r.errors.length > 0
              ? null
              : applicants[index]?.kind === 'invite'
                ? 'invite-and-grant'
                : 'grant',
          errors: r.errors,
        })),
        validCount: parsed.rows.length - errorCount,
        errorCount,
        invited: [...new Set(toInvite)].map((email) => ({ email })),
      };
    },

    /** A later expiry with a reason; the audit entry keeps both dates and the reason. */
    async extend(
      actor: CurrentUser,
      reach: Scope,
      id: string,
      input: ExtendAuthorisation,
    ): Promise<AuthorisationRow> {
      const expiresAt = new Date(input.expiresAt);
      // An administrator acting for no association extends in the authorisation's own.
      const owner = await repo.findAuthorisation(db, reach, id);
      if (!owner) throw new AppError('NOT_FOUND', 'No such authorisation.', 404);
      const scope = associationScope(owner.associationId);
      return withinScope(db, scope, async (tx) => {
        const found = await repo.findAuthorisation(tx, scope, id, true);
        if (!found) throw new AppError('NOT_FOUND', 'No such authorisation.', 404);
        if (expiresAt.getTime() <= found.expiresAt.getTime()) {
          throw new AppError('VALIDATION_FAILED', 'An extension must end later than now.', 400, {
            fields: { expiresAt: 'Choose a later date than the current expiry' },
          });
        }
        await repo.setExpiry(tx, scope, id, expiresAt);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bookings.authorisation_extended',
          subjectType: 'authorisation',
          subjectId: id,
          details: {
            from: found.expiresAt.toISOString(),
            to: expiresAt.toISOString(),
            reason: input.reason,
          },
        });
        return { ...found, expiresAt };
      });
    },
  };
}
