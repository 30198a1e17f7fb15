import { inArray } from 'drizzle-orm';
import type { RubricContent } from '@exam/shared/api';
import type { Variant } from '@exam/shared/domain';
import type { Db } from '../../db/client.js';
import { graders, rubrics, users } from '../../db/schema/index.js';

export interface SeedGrader {
  email: string;
  variants: readonly Variant[];
  adjudicator: boolean;
}

/** Stores each variant's rubric as version 1 and the given graders' qualifications. */
export async function seedGrading(
  db: Db,
  content: {
    rubrics: readonly (RubricContent & { variant: Variant })[];
    graders: readonly SeedGrader[];
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const at = new Date();
    for (const rubric of content.rubrics) {
      await tx.insert(rubrics).values({
        variant: rubric.variant,
        version: 1,
        title: rubric.title,
        criteria: rubric.criteria.map((c) => ({ ...c, levels: c.levels.map((l) => ({ ...l })) })),
        passingRule: { ...rubric.passingRule },
        createdAt: at,
      });
    }
    const emails = content.graders.map((g) => g.email);
    const rows = emails.length
      ? await tx
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(inArray(users.email, emails))
      : [];
    for (const grader of content.graders) {
      const user = rows.find((r) => r.email === grader.email);
      if (!user) continue;
      await tx.insert(graders).values({
        userId: user.id,
        variants: [...grader.variants],
        adjudicator: grader.adjudicator,
        updatedAt: at,
      });
    }
  });
}
