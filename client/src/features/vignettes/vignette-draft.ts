import {
  vignetteSetInputSchema,
  type VignetteSetDetail,
  type VignetteSetInput,
} from '@exam/shared/api';
import type { CompetencyDomain } from '@exam/shared/domain';

/** A vignette as the editor holds it: paragraphs and prompts as text, one per block or line. */
export interface VignetteDraft {
  key: number;
  title: string;
  caseText: string;
  prompts: string;
  domains: CompetencyDomain[];
}

export type SetDraft = Omit<VignetteSetInput, 'vignettes' | 'requiredCount'> & {
  requiredCount: string;
  vignettes: VignetteDraft[];
};

let nextKey = 1;
export function newVignette(): VignetteDraft {
  return { key: nextKey++, title: '', caseText: '', prompts: '', domains: [] };
}

export function emptySet(): SetDraft {
  return {
    title: '',
    variant: 'clinical',
    endorsement: null,
    audience: 'specialist',
    requiredCount: '2',
    instructions: 'Read all three vignettes, then answer two of them.',
    vignettes: [newVignette(), newVignette(), newVignette()],
  };
}

export function setDraftOf(set: VignetteSetDetail, copy: boolean): SetDraft {
  return {
    title: copy ? `Copy of ${set.title}` : set.title,
    variant: set.variant,
    endorsement: set.endorsement,
    audience: set.audience,
    requiredCount: String(set.requiredCount),
    instructions: set.instructions,
    vignettes: set.vignettes.map((v) => ({
      key: nextKey++,
      title: v.title,
      caseText: v.caseText.join('\n\n'),
      prompts: v.prompts.join('\n'),
      domains: v.domains,
    })),
  };
}

const split = (text: string, by: RegExp) =>
  text
    .split(by)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The request the draft stands for, or the first problem in words. */
export function setInputOf(
  d: SetDraft,
): { ok: true; input: VignetteSetInput } | { ok: false; problem: string } {
  const parsed = vignetteSetInputSchema.safeParse({
    ...d,
    requiredCount: Number(d.requiredCount),
    vignettes: d.vignettes.map((v) => ({
      title: v.title,
      // A blank line separates paragraphs; each line is a prompt.
      caseText: split(v.caseText, /\n\s*\n/),
      prompts: split(v.prompts, /\n/),
      domains: v.domains,
    })),
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path ?? [];
  const where =
    path[0] === 'vignettes' && typeof path[1] === 'number' ? `Vignette ${path[1] + 1}` : 'Set';
  return { ok: false, problem: `${where}: ${issue?.message ?? 'check the form'}.` };
}
