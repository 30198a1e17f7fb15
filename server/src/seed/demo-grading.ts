import type { Variant } from '@exam/shared/domain';
import type { Db } from '../db/client.js';
import { systemClock } from '../lib/clock.js';
import { createAuditService } from '../modules/audit/index.js';
import { createUsersService } from '../modules/auth/index.js';
import { importGradingSetup } from '../modules/grading/index.js';
import { demoRubrics } from './content/rubrics.js';

const everyVariant: readonly Variant[] = ['clinical', 'policy', 'research-faculty'];

/** The first two read every variant; the third adjudicates, so a disagreement has a third reader. */
const demoGraders = [
  { email: 'grader1@demo.test', variants: everyVariant, adjudicator: false },
  { email: 'grader2@demo.test', variants: everyVariant, adjudicator: false },
  { email: 'grader3@demo.test', variants: everyVariant, adjudicator: true },
] as const;

/**
 * The demo's rubrics (version 1 for every variant) and graders, found by email through the
 * users service; a demo grader who is not there is left out.
 */
export async function seedDemoGrading(db: Db): Promise<void> {
  const users = createUsersService({ db, audit: createAuditService({ clock: systemClock }) });
  const found = await users.findByEmails(
    db,
    demoGraders.map((g) => g.email),
  );
  await importGradingSetup(
    db,
    {
      rubrics: Object.values(demoRubrics).map((rubric) => ({
        variant: rubric.variant,
        title: rubric.title,
        criteria: rubric.criteria.map((c) => ({ ...c, levels: [...c.levels] })),
        passingRule: { ...rubric.passingRule },
      })),
      graders: demoGraders.flatMap((grader) => {
        const user = found.find((u) => u.email === grader.email);
        return user
          ? [{ userId: user.id, variants: grader.variants, adjudicator: grader.adjudicator }]
          : [];
      }),
    },
    systemClock.now(),
  );
}
