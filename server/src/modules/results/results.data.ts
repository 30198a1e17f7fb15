import type { UserSummary } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { UsersService } from '../auth/index.js';
import type { AttemptForResults, DeliveryResults } from '../delivery/index.js';
import type { GradingResults, SittingGrading } from '../grading/index.js';
import type {
  EnrolmentForResults,
  SittingForResults,
  SittingResultsAccess,
} from '../sittings/index.js';
import { programmeScope, type Scope } from '../../db/association-scope.js';
import { isWithinScope } from '../../db/scope-filters.js';
import type { ReleasedResult } from '@exam/shared/api';
import { partsSat, type EarlierResults } from './results.carried.js';
import { earlierResultsOf } from './results.repo.js';

/** Everything a sitting's results are computed from, read in one place. */
export interface SittingData {
  sitting: SittingForResults;
  enrolments: EnrolmentForResults[];
  attempts: AttemptForResults[];
  intake: SittingGrading['intake'];
  items: (SittingGrading['items'][number] & { title: string })[];
  people: Map<string, Pick<UserSummary, 'displayName' | 'email'>>;
  rules: SittingGrading['rules'];
  /** Earlier released results of candidates who retake one part here (results.carried.ts). */
  earlier?: EarlierResults;
}

/** Released results from other sittings of the candidates who sit only one part here. */
export async function earlierOf(
  db: Db,
  sittingId: string,
  enrolments: readonly EnrolmentForResults[],
): Promise<EarlierResults> {
  const retaking = enrolments.filter((e) => partsSat(e).length < 2).map((e) => e.candidateId);
  const earlier: EarlierResults = new Map();
  for (const row of await earlierResultsOf(db, retaking, sittingId)) {
    const list = earlier.get(row.candidateId) ?? [];
    list.push({ sittingId: row.sittingId, result: row.result as unknown as ReleasedResult });
    earlier.set(row.candidateId, list);
  }
  return earlier;
}

/** Reads a sitting's results data from the sittings, delivery and grading modules and users. */
export function createResultsData(deps: {
  db: Db;
  users: Pick<UsersService, 'list'>;
  delivery: Pick<DeliveryResults, 'attemptsOf' | 'vignetteTitles'>;
  sittings: Pick<SittingResultsAccess, 'getSitting' | 'enrolmentsOf' | 'partTwoPassingRules'>;
  grading: Pick<GradingResults, 'sittingGrading'>;
}) {
  /** Another association's sitting answers NOT_FOUND exactly like a missing one. */
  return async function load(scope: Scope, sittingId: string): Promise<SittingData> {
    const within = await isWithinScope(deps.db, scope, 'sitting', sittingId);
    const sitting = within ? await deps.sittings.getSitting(deps.db, sittingId) : undefined;
    if (!sitting) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
    const enrolments = await deps.sittings.enrolmentsOf(sittingId);
    const [attempts, passingRules, users] = await Promise.all([
      deps.delivery.attemptsOf(enrolments.map((e) => e.enrolmentId)),
      deps.sittings.partTwoPassingRules(deps.db, sittingId),
      deps.users.list(programmeScope),
    ]);
    const grading = await deps.grading.sittingGrading(
      sittingId,
      attempts.map((a) => a.attemptId),
      passingRules,
    );
    const titles = new Map<string, Map<number, string>>();
    for (const { item } of grading.items) {
      if (!titles.has(item.attemptId))
        titles.set(item.attemptId, await deps.delivery.vignetteTitles(item.attemptId));
    }
    return {
      sitting,
      enrolments,
      attempts,
      intake: grading.intake,
      items: grading.items.map((entry) => ({
        ...entry,
        title:
          titles.get(entry.item.attemptId)?.get(entry.item.vignette) ??
          `Vignette ${entry.item.vignette}`,
      })),
      people: new Map(users.map((u) => [u.id, { displayName: u.displayName, email: u.email }])),
      rules: grading.rules,
      earlier: await earlierOf(deps.db, sittingId, enrolments),
    };
  };
}
