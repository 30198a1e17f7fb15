import type {
  AuthorisationImportReport,
  AuthorisationImportRequest,
  AuthorisationInput,
  AuthorisationSource,
  BookingSettings,
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
import { parseAuthorisationCsv } from './authorisation-csv.js';
import * as repo from './authorisations.repo.js';
import type { AuthorisationRow } from './authorisations.repo.js';
import type { BookingsDeps } from './bookings.deps.js';
import { defaultBookingSettings, expiryFor } from './booking-rules.js';

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

export async function settingsFor(db: DbOrTx, associationId: string): Promise<BookingSettings> {
  const row = (await repo.settingsOf(db, [associationId])).get(associationId);
  if (!row) return defaultBookingSettings;
  return {
    windowKind: row.windowKind === 'sittings' ? 'sittings' : 'months',
    windowMonths: row.windowMonths,
    windowSittings: row.windowSittings,
    reminderDays: row.reminderDays,
    noShowCountsAsAttempt: row.noShowCountsAsAttempt,
    accommodationRequestDays: row.accommodationRequestDays,
  };
}

/**
 * Authorisations to test: granted by import, by a coordinator or by a retake rule, each with a
 * window by the association's rule, extended only with a reason. Every change is audited in its
 * transaction.
 */
export function createAuthorisationsService(deps: BookingsDeps) {
  const { db } = deps;

  /** Grants in the caller's transaction (the retake work calls this inside its own). */
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

  /** Candidate accounts of the association by email; the import and the form name people so. */
  async function candidatesByEmail(tx: DbOrTx, scope: AssociationScope, emails: string[]) {
    const found = await deps.users.findByEmails(tx, emails, scope);
    return new Map(
      found.filter((u) => u.roles.includes('candidate')).map((u) => [u.email.toLowerCase(), u]),
    );
  }

  const noCandidate = (email: string) =>
    `No candidate of this association has the email ${email}; enrol or invite them first.`;

  return {
    grantAuthorisation,

    async create(actor: CurrentUser, scope: AssociationScope, input: AuthorisationInput) {
      return withinScope(db, scope, async (tx) => {
        const person = (await candidatesByEmail(tx, scope, [input.email])).get(input.email);
        if (!person) throw new AppError('NOT_FOUND', noCandidate(input.email), 404);
        return grantAuthorisation(tx, {
          associationId: scope.associationId,
          candidateId: person.id,
          examEndorsement: input.examEndorsement,
          category: input.category,
          track: input.track,
          parts: input.parts,
          reference: input.reference,
          source: 'coordinator',
          grantedBy: actor.id,
        });
      });
    },

    /** Validates every row; commits all of them or none (the roster import's rule). */
    async importCsv(
      actor: CurrentUser,
      scope: AssociationScope,
      input: AuthorisationImportRequest,
    ): Promise<AuthorisationImportReport> {
      const parsed = parseAuthorisationCsv(input.csv);
      return withinScope(db, scope, async (tx) => {
        const people = await candidatesByEmail(
          tx,
          scope,
          parsed.rows.map((r) => r.email).filter(Boolean),
        );
        for (const row of parsed.rows) {
          if (row.email && row.errors.length === 0 && !people.has(row.email)) {
            row.errors.push(noCandidate(row.email));
          }
        }
        const errorCount = parsed.rows.filter((r) => r.errors.length > 0).length;
        const commit = input.commit && errorCount === 0 && parsed.fileErrors.length === 0;
        if (commit) {
          for (const row of parsed.rows) {
            await grantAuthorisation(tx, {
              associationId: scope.associationId,
              candidateId: people.get(row.email)!.id,
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
        return {
          committed: commit,
          fileErrors: parsed.fileErrors,
          rows: parsed.rows.map((r) => ({
            line: r.line,
            email: r.email,
            examEndorsement: r.examEndorsement,
            category: r.category,
            parts: r.parts,
            errors: r.errors,
          })),
          validCount: parsed.rows.length - errorCount,
          errorCount,
        };
      });
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

    async settings(scope: AssociationScope): Promise<BookingSettings> {
      return withinScope(db, scope, (tx) => settingsFor(tx, scope.associationId));
    },

    async saveSettings(
      actor: CurrentUser,
      scope: AssociationScope,
      input: BookingSettings,
    ): Promise<BookingSettings> {
      return withinScope(db, scope, async (tx) => {
        await repo.saveSettings(tx, {
          associationId: scope.associationId,
          ...input,
          reminderDays: [...new Set(input.reminderDays)].sort((a, b) => b - a),
          updatedAt: deps.clock.now(),
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bookings.settings_changed',
          subjectType: 'association',
          subjectId: scope.associationId,
          details: { ...input },
        });
        return settingsFor(tx, scope.associationId);
      });
    },
  };
}
