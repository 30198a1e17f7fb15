import { createHash } from 'node:crypto';
import type {
  Association,
  AssociationBranding,
  AssociationSettings,
  CurrentUser,
} from '@exam/shared/api';
import { associationScope, withinScope, type Scope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { AuditService } from '../audit/index.js';
import * as repo from './associations.repo.js';

export type AssociationsService = ReturnType<typeof createAssociationsService>;

function present(row: repo.AssociationRow): Association {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    logo: row.logo,
    contactEmail: row.contactEmail,
    timeZone: row.timeZone,
    applicationDeadlines: row.applicationDeadlines,
    retentionYears: row.retentionYears,
    mailSender: row.mailSender,
    checkInOpensMinutes: row.checkInOpensMinutes,
    lateCutoffMinutes: row.lateCutoffMinutes,
    retakeValidityMonths: row.retakeValidityMonths,
    retakeWaitDays: row.retakeWaitDays,
    retakeMaxAttempts: row.retakeMaxAttempts,
    retakeRequestDays: row.retakeRequestDays,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The settings as the audit log keeps them. A logo is up to 200 KB of base64; the log keeps its
 * SHA-256 and size instead, which proves which image was replaced without copying it twice per edit.
 */
function audited(settings: AssociationSettings) {
  const { logo, ...rest } = settings;
  if (logo === null) return { ...rest, logo: null };
  return {
    ...rest,
    logo: { sha256: createHash('sha256').update(logo).digest('hex'), chars: logo.length },
  };
}

function settingsOf(row: repo.AssociationRow): AssociationSettings {
  const { id: _id, createdAt: _at, ...settings } = present(row);
  return settings;
}

const notFound = () => new AppError('NOT_FOUND', 'No such association.');

/**
 * Association settings: an administrator lists, creates and edits any association; a coordinator
 * reads and edits the one they act for. Another association answers as a missing one would.
 */
export function createAssociationsService(deps: { db: Db; audit: Pick<AuditService, 'append'> }) {
  async function assertShortNameFree(
    tx: Parameters<typeof repo.findByShortName>[0],
    shortName: string,
    except?: string,
  ) {
    const holder = await repo.findByShortName(tx, shortName);
    if (holder && holder.id !== except)
      throw new AppError('ALREADY_EXISTS', `Another association is called ${shortName}.`);
  }

  return {
    async list(scope: Scope): Promise<Association[]> {
      const rows = await withinScope(deps.db, scope, (tx) => repo.listAssociations(tx, scope));
      return rows.map(present);
    },

    async get(scope: Scope, id: string): Promise<Association> {
      const row = await withinScope(deps.db, scope, (tx) => repo.findAssociation(tx, scope, id));
      if (!row) throw notFound();
      return present(row);
    },

    async create(actor: CurrentUser, settings: AssociationSettings): Promise<Association> {
      return deps.db.transaction(async (tx) => {
        await assertShortNameFree(tx, settings.shortName);
        const row = await repo.insertAssociation(tx, settings);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'association.create',
          subjectType: 'association',
          subjectId: row.id,
          details: { after: audited(settings) },
        });
        return present(row);
      });
    },

    /**
     * Replaces the settings, auditing before and after. Runs as the connecting role after the
     * repository's scope check: migration 0021 gives the restricted role SELECT on associations
     * only, so a coordinator's edit cannot run behind row-level security without a new policy.
     */
    async update(
      actor: CurrentUser,
      scope: Scope,
      id: string,
      settings: AssociationSettings,
    ): Promise<Association> {
      return deps.db.transaction(async (tx) => {
        const before = await repo.findAssociation(tx, scope, id, true);
        if (!before) throw notFound();
        await assertShortNameFree(tx, settings.shortName, id);
        const row = await repo.updateAssociation(tx, scope, id, settings);
        if (!row) throw notFound();
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'association.update',
          subjectType: 'association',
          subjectId: id,
          details: { before: audited(settingsOf(before)), after: audited(settings) },
        });
        return present(row);
      });
    },

    /** The name and logo the signed-in user's pages carry: their acting association's. */
    async branding(actor: CurrentUser): Promise<AssociationBranding | null> {
      const acting = actor.association;
      if (!acting) return null;
      const scope = associationScope(acting.id);
      const row = await withinScope(deps.db, scope, (tx) =>
        repo.findAssociation(tx, scope, acting.id),
      );
      return row ? { name: row.name, shortName: row.shortName, logo: row.logo } : null;
    },
  };
}
