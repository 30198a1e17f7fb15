import type { CurrentUser } from '@exam/shared/api';
import type { Db, DbOrTx } from '../../db/client.js';
import type { AuditService } from '../audit/index.js';
import type { ProgrammeSettings } from '../auth/index.js';
import { associationOfSitting } from '../sittings/index.js';
import * as itemsRepo from './items.repo.js';
import * as openReadingsRepo from './open-readings.repo.js';
import type { Routing } from './routing.js';

export type OwnAssociationRule = ReturnType<typeof createOwnAssociationRule>;

/**
 * The programme's rule "never a grader from the candidate's own association". Routing follows
 * it for every new reading; switching it on also takes back, in the same transaction, every
 * reading already given but not submitted that breaks it (audited one by one), and the sweep
 * then routes those responses to graders the rule allows. Submitted readings stand: a
 * submitted score is final unless a coordinator reopens it.
 */
export function createOwnAssociationRule(deps: {
  db: Db;
  audit: Pick<AuditService, 'append'>;
  programme: Pick<ProgrammeSettings, 'setExcludeOwnAssociationGraders' | 'associationsOf'>;
  routing: Pick<Routing, 'poolChanged'>;
}) {
  async function withdrawBreaking(tx: DbOrTx, actorId: string): Promise<string[]> {
    const open = await openReadingsRepo.openReadings(tx);
    if (open.length === 0) return [];
    const memberships = await deps.programme.associationsOf(
      [...new Set(open.map((r) => r.graderId))],
      tx,
    );
    const ownerOf = new Map<string, string | undefined>();
    for (const sittingId of new Set(open.map((r) => r.sittingId)))
      ownerOf.set(sittingId, await associationOfSitting(tx, sittingId));
    const withdrawn: string[] = [];
    for (const reading of open) {
      const own = ownerOf.get(reading.sittingId);
      if (!own || !memberships.get(reading.graderId)?.has(own)) continue;
      await itemsRepo.deleteReading(tx, reading.id);
      await deps.audit.append(tx, {
        actorId,
        action: 'grading.reading_withdrawn',
        subjectType: 'grading_item',
        subjectId: reading.code,
        details: {
          graderId: reading.graderId,
          role: reading.role,
          status: reading.status,
          reason: 'own-association rule switched on',
        },
      });
      withdrawn.push(reading.code);
    }
    return withdrawn;
  }

  return {
    /** Sets the rule; switched on, withdraws the readings that break it and routes them anew. */
    async set(
      actor: Pick<CurrentUser, 'id'>,
      exclude: boolean,
    ): Promise<{ exclude: boolean; withdrawn: string[] }> {
      let withdrawn: string[] = [];
      await deps.programme.setExcludeOwnAssociationGraders(actor, exclude, async (tx) => {
        if (exclude) withdrawn = await withdrawBreaking(tx, actor.id);
      });
      if (withdrawn.length > 0) await deps.routing.poolChanged();
      return { exclude, withdrawn };
    },
  };
}
