import type { Db } from '../db/client.js';
import { seedGrading } from '../modules/grading/index.js';
import { demoRubrics } from './content/rubrics.js';

/**
 * The demo's rubrics (version 1 for every variant) and graders: the first two qualified for
 * every variant, the third an adjudicator, so a disagreement always has a third reader.
 */
export async function seedDemoGrading(db: Db): Promise<void> {
  await seedGrading(db, {
    rubrics: Object.values(demoRubrics).map((rubric) => ({
      variant: rubric.variant,
      title: rubric.title,
      criteria: rubric.criteria.map((c) => ({ ...c, levels: [...c.levels] })),
      passingRule: { ...rubric.passingRule },
    })),
    graders: [
      {
        email: 'grader1@demo.test',
        variants: ['clinical', 'policy', 'research-faculty'],
        adjudicator: false,
      },
      {
        email: 'grader2@demo.test',
        variants: ['clinical', 'policy', 'research-faculty'],
        adjudicator: false,
      },
      {
        email: 'grader3@demo.test',
        variants: ['clinical', 'policy', 'research-faculty'],
        adjudicator: true,
      },
    ],
  });
}
