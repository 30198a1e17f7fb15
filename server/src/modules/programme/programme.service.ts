import type { CurrentUser, ProgrammeOverview, ProgrammeView } from '@exam/shared/api';
import { programmeScope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { AssociationsService } from '../auth/index.js';
import type { GradingProgrammeAccess } from '../grading/index.js';
import type { ResultsProgrammeAccess } from '../results/index.js';
import type { SittingsProgrammeAccess } from '../sittings/index.js';
import {
  calendarOf,
  candidatesPerCycleOf,
  domainMeansOf,
  gradingProgressOf,
  passRatesOf,
} from './programme.compute.js';
import { programmeCsv, programmeXlsx } from './programme.exports.js';

/** Said wherever appeals are counted. */
export const APPEALS_NOTE = 'Appeals requested by candidates, in every state, per association.';

export type ProgrammeService = ReturnType<typeof createProgrammeService>;

/**
 * The programme's views across associations. Always the programme scope: only programme roles
 * (administrators, psychometricians) reach these routes, and they see every association.
 */
export function createProgrammeService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  associations: Pick<AssociationsService, 'list'>;
  sittings: SittingsProgrammeAccess;
  results: ResultsProgrammeAccess;
  grading: GradingProgrammeAccess;
  /** Appeals per association id (the appeals module's views). */
  appeals: { countsByAssociation(): Promise<Map<string, number>> };
}) {
  async function overview(): Promise<ProgrammeOverview> {
    const scope = programmeScope;
    const [associations, sittings, enrolments, results, gradingItems, appeals] = await Promise.all([
      deps.associations.list(scope),
      deps.sittings.sittings(scope),
      deps.sittings.enrolments(scope),
      deps.results.released(scope),
      deps.grading.items(scope),
      deps.appeals.countsByAssociation(),
    ]);
    const inputs = { associations, sittings, enrolments, results, gradingItems };
    const now = deps.clock.now();
    return {
      computedAt: now.toISOString(),
      associations: associations.map(({ id, name, shortName }) => ({ id, name, shortName })),
      calendar: calendarOf(inputs, now),
      candidatesPerCycle: candidatesPerCycleOf(inputs),
      passRates: passRatesOf(inputs),
      domainMeans: domainMeansOf(inputs),
      grading: gradingProgressOf(inputs),
      appeals: {
        count: [...appeals.values()].reduce((sum, n) => sum + n, 0),
        note: APPEALS_NOTE,
        byAssociation: associations.map(({ id }) => ({
          associationId: id,
          count: appeals.get(id) ?? 0,
        })),
      },
    };
  }

  return {
    overview,

    /** A CSV of one view or the XLSX of all; exports leave the platform, so they are audited. */
    async export(
      actor: CurrentUser,
      format: 'csv' | 'xlsx',
      view: ProgrammeView | null,
    ): Promise<{ filename: string; body: string | Buffer }> {
      const figures = await overview();
      await deps.db.transaction((tx) =>
        deps.audit.append(tx, {
          actorId: actor.id,
          action: 'programme.exported',
          subjectType: 'programme',
          subjectId: 'overview',
          details: { format, view },
        }),
      );
      const day = figures.computedAt.slice(0, 10);
      if (format === 'csv' && view)
        return { filename: `programme-${view}-${day}.csv`, body: programmeCsv(figures, view) };
      return { filename: `programme-${day}.xlsx`, body: await programmeXlsx(figures) };
    },
  };
}
