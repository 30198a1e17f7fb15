import type { GradingRules, UserSummary } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import type { StoredPassingRule } from '../grading/index.js';
import { AppError } from '../../lib/app-error.js';
import type { UsersService } from '../auth/index.js';
import type { AttemptForResults, DeliveryResults } from '../delivery/index.js';
import { gradingRepo, passingRuleFor, rubricsRepo, rulesOf } from '../grading/index.js';
import type {
  EnrolmentForResults,
  SittingForResults,
  SittingResultsAccess,
} from '../sittings/index.js';

type ItemRow = Awaited<ReturnType<typeof gradingRepo.itemsOfSitting>>[number];
type AssignmentRow = Awaited<ReturnType<typeof gradingRepo.assignmentsOf>>[number];
type IntakeRow = Awaited<ReturnType<typeof gradingRepo.intakeOf>>[number];
type RubricRow = NonNullable<Awaited<ReturnType<typeof rubricsRepo.findRubric>>>;

/** Everything a sitting's results are computed from, read in one place. */
export interface SittingData {
  sitting: SittingForResults;
  enrolments: EnrolmentForResults[];
  attempts: AttemptForResults[];
  intake: Map<string, IntakeRow>;
  items: {
    item: ItemRow;
    rubric: RubricRow;
    /** Readings in assignment order: the two first readers, then any third reader. */
    readings: AssignmentRow[];
    passingRule: StoredPassingRule;
    title: string;
  }[];
  people: Map<string, Pick<UserSummary, 'displayName' | 'email'>>;
  rules: GradingRules;
}

export function createResultsData(deps: {
  db: Db;
  users: Pick<UsersService, 'list'>;
  delivery: Pick<DeliveryResults, 'attemptsOf' | 'vignetteTitles'>;
  sittings: Pick<SittingResultsAccess, 'getSitting' | 'enrolmentsOf' | 'partTwoPassingRules'>;
}) {
  const { db } = deps;

  return async function load(sittingId: string): Promise<SittingData> {
    const sitting = await deps.sittings.getSitting(db, sittingId);
    if (!sitting) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
    const enrolments = await deps.sittings.enrolmentsOf(sittingId);
    const [attempts, itemRows, rules, users] = await Promise.all([
      deps.delivery.attemptsOf(enrolments.map((e) => e.enrolmentId)),
      gradingRepo.itemsOfSitting(db, sittingId),
      deps.sittings.partTwoPassingRules(db, sittingId).then((set) => rulesOf(db, sittingId, set)),
      deps.users.list(),
    ]);
    const [intakeRows, readings] = await Promise.all([
      gradingRepo.intakeOf(
        db,
        attempts.map((a) => a.attemptId),
      ),
      gradingRepo.assignmentsOf(
        db,
        itemRows.map((i) => i.id),
      ),
    ]);
    const rubrics = new Map<string, RubricRow>();
    const titles = new Map<string, Map<number, string>>();
    for (const item of itemRows) {
      if (!rubrics.has(item.rubricId)) {
        const rubric = await rubricsRepo.findRubric(db, item.rubricId);
        if (rubric) rubrics.set(rubric.id, rubric);
      }
      if (!titles.has(item.attemptId))
        titles.set(item.attemptId, await deps.delivery.vignetteTitles(item.attemptId));
    }
    return {
      sitting,
      enrolments,
      attempts,
      intake: new Map(intakeRows.map((row) => [row.attemptId, row])),
      items: itemRows.map((item) => {
        const rubric = rubrics.get(item.rubricId);
        if (!rubric) throw new Error(`item ${item.code} has no rubric`);
        return {
          item,
          rubric,
          readings: readings.filter((r) => r.itemId === item.id),
          passingRule: passingRuleFor(rules, item.variant, rubric.passingRule),
          title: titles.get(item.attemptId)?.get(item.vignette) ?? `Vignette ${item.vignette}`,
        };
      }),
      people: new Map(users.map((u) => [u.id, { displayName: u.displayName, email: u.email }])),
      rules,
    };
  };
}
