import type { BankService, FormItem } from '../bank/index.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { impactOf, type ImpactData, type ImpactSources } from './impact-data.js';
import * as repo from './standard-setting.repo.js';

/** What a study is read with: its form's items (keys included, server-side) and impact data. */
export interface StudyContext {
  study: repo.StudyRow;
  form: { id: string; name: string; endorsement: string; cutScore: number };
  items: FormItem[];
  positions: number[];
  impact: ImpactData | undefined;
}

/** The keys impact data is scored with. */
export function keysOf(items: readonly FormItem[]): Map<number, number> {
  return new Map(items.map((i) => [i.position, i.keyIndex]));
}

/** Loads a study with its form, and the impact data of the sitting its round 2 opened with. */
export async function loadStudy(
  db: Db,
  sources: ImpactSources & { forms: Pick<BankService, 'getForm' | 'formItems'> },
  id: string,
): Promise<StudyContext> {
  const study = await repo.findStudy(db, id);
  if (!study) throw new AppError('NOT_FOUND', 'No such study.', 404);
  const form = await sources.forms.getForm(study.formId);
  const items = await sources.forms.formItems(study.formId);
  return {
    study,
    form: { id: form.id, name: form.name, endorsement: form.endorsement, cutScore: form.cutScore },
    items,
    positions: items.map((i) => i.position),
    impact: study.impactSittingId
      ? await impactOf(db, sources, study.formId, keysOf(items), study.impactSittingId)
      : undefined,
  };
}
