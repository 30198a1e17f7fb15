import type { BankFormSummary, SittingProblem, SittingReadinessResponse } from '@exam/shared/api';
import {
  variantFor,
  variantNames,
  type Category,
  type ExamEndorsement,
  type MentorTrack,
  type Variant,
} from '@exam/shared/domain';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import type { SittingsDeps } from './sittings.deps.js';
import * as enrolmentsRepo from './enrolments.repo.js';
import type * as sittingsRepo from './sittings.repo.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * What stands between a sitting and opening: every enrolled candidate needs a usable Part One
 * form for their exam endorsement and a vignette set for their variant, audience and endorsement,
 * and may not be in another sitting that is open (the exam finds a candidate's open sitting).
 */
export async function sittingReadiness(
  deps: Pick<SittingsDeps, 'vignettes' | 'users'>,
  db: DbOrTx,
  scope: Scope,
  sitting: sittingsRepo.SittingRow,
  /** The bank's forms, read before any transaction (the bank reads on its own connection). */
  bankForms: readonly BankFormSummary[],
): Promise<SittingReadinessResponse> {
  const problems: SittingProblem[] = [];
  const enrolments = await enrolmentsRepo.enrolmentsOf(db, scope, sitting.id);
  if (enrolments.length === 0) {
    problems.push({ code: 'NO_CANDIDATES', message: 'No candidate is enrolled yet.' });
  }

  const forms = new Map(bankForms.map((f) => [f.id, f]));
  const byForm = new Map<ExamEndorsement, number>();
  // One lookup per distinct (variant, audience, endorsement), however many candidates share it.
  const byVignetteNeed = new Map<
    string,
    { variant: Variant; mentor: boolean; endorsement: string; count: number }
  >();
  for (const enrolment of enrolments) {
    const endorsement = enrolment.examEndorsement as ExamEndorsement;
    byForm.set(endorsement, (byForm.get(endorsement) ?? 0) + 1);
    const variant = variantFor(enrolment.category as Category, enrolment.track as MentorTrack);
    if (!variant) {
      problems.push({
        code: 'ENROLMENT_INVALID',
        message: 'An enrolment has no vignette variant (a Mentor without a track?); correct it.',
        enrolmentId: enrolment.id,
      });
      continue;
    }
    const mentor = enrolment.category === 'mental-health-mentor';
    const key = `${variant}|${mentor}|${endorsement}`;
    const need = byVignetteNeed.get(key) ?? { variant, mentor, endorsement, count: 0 };
    need.count += 1;
    byVignetteNeed.set(key, need);
  }

  for (const [endorsement, count] of byForm) {
    const formId = sitting.forms[endorsement];
    const form = formId ? forms.get(formId) : undefined;
    if (!form) {
      problems.push({
        code: 'FORM_MISSING',
        message: `No Part One form is chosen for ${endorsement} (${plural(count, 'candidate')} sit it).`,
      });
    } else if (form.status === 'retired' || form.endorsement !== endorsement) {
      problems.push({
        code: 'FORM_UNUSABLE',
        message: `The ${endorsement} form "${form.name}" is retired or for another endorsement.`,
      });
    }
  }

  for (const need of byVignetteNeed.values()) {
    const setId = await deps.vignettes.resolveSet(sitting.vignetteSets, need, db);
    if (!setId) {
      const who = need.mentor ? `Mentor-${variantNames[need.variant]}` : 'Specialist';
      problems.push({
        code: 'VIGNETTE_SET_MISSING',
        message: `No active vignette set fits ${who} candidates sitting ${need.endorsement} (${plural(need.count, 'candidate')}).`,
      });
    }
  }

  const elsewhere = await enrolmentsRepo.candidatesInOtherOpenSittings(
    db,
    scope,
    sitting.id,
    enrolments.map((e) => e.candidateId),
  );
  // Named, so a coordinator with a long roster knows whom to withdraw (or which sitting to close).
  const people = new Map(
    (await deps.users.findByIds(db, [...new Set(elsewhere.map((c) => c.candidateId))])).map((u) => [
      u.id,
      u,
    ]),
  );
  for (const clash of elsewhere) {
    const person = people.get(clash.candidateId);
    const who = person ? `${person.displayName} (${person.email})` : 'A candidate';
    problems.push({
      code: 'IN_ANOTHER_OPEN_SITTING',
      message: `${who} is also enrolled in "${clash.sittingName}", which is open; close it or withdraw them first.`,
      enrolmentId: enrolments.find((e) => e.candidateId === clash.candidateId)?.id,
    });
  }
  return { ready: problems.length === 0, problems };
}
