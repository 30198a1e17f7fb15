import { describe, expect, it } from 'vitest';
import { competencyDomains, examEndorsements, variants } from '@exam/shared/domain';
import { countWordsInText } from '@exam/shared/editor';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import { demoVignetteSets } from '../src/seed/content/vignettes.js';

const allVignettes = demoVignetteSets.flatMap((set) => set.vignettes);

describe('demo vignette sets', () => {
  it('covers every variant, and the clinical variant for each endorsement and for Mentors', () => {
    for (const variant of variants) {
      expect(demoVignetteSets.some((set) => set.variant === variant)).toBe(true);
    }
    const clinical = demoVignetteSets.filter((set) => set.variant === 'clinical');
    for (const endorsement of examEndorsements) {
      expect(
        clinical.some((s) => s.audience === 'specialist' && s.endorsement === endorsement),
      ).toBe(true);
    }
    expect(clinical.some((set) => set.audience === 'mentor')).toBe(true);
    // Mentor tracks other than clinical have no Specialist counterpart.
    for (const set of demoVignetteSets.filter((s) => s.variant !== 'clinical')) {
      expect(set.audience).toBe('mentor');
    }
  });

  it('has three vignettes per set, two to answer, and unique ids', () => {
    for (const set of demoVignetteSets) {
      expect(set.vignettes).toHaveLength(3);
      expect(set.requiredCount).toBe(2);
      expect(set.instructions.length).toBeGreaterThan(0);
    }
    const ids = [...demoVignetteSets.map((s) => s.id), ...allVignettes.map((v) => v.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each(allVignettes.map((v) => [v.id, v] as const))(
    '%s has a 150-300 word case and one to three prompts',
    (_id, vignette) => {
      const words = countWordsInText(vignette.caseText.join('\n'));
      expect(words).toBeGreaterThanOrEqual(150);
      expect(words).toBeLessThanOrEqual(300);
      expect(vignette.prompts.length).toBeGreaterThanOrEqual(1);
      expect(vignette.prompts.length).toBeLessThanOrEqual(3);
      for (const text of [vignette.title, ...vignette.caseText, ...vignette.prompts]) {
        expect(text.trim()).toBe(text);
        expect(text.length).toBeGreaterThan(0);
      }
    },
  );

  it("scores each vignette on exactly its variant rubric's domains", () => {
    for (const set of demoVignetteSets) {
      const rubricDomains = demoRubrics[set.variant].criteria.map((c) => c.domain).sort();
      for (const vignette of set.vignettes) {
        expect([...vignette.domains].sort()).toEqual(rubricDomains);
      }
    }
  });
});

describe('demo rubrics', () => {
  const primary = {
    clinical: ['reflection', 'thinking', 'working-with-others'],
    policy: ['administration'],
    'research-faculty': ['research-evaluation'],
  } as const;

  it.each(variants)('%s scores its primary domains with four described levels each', (variant) => {
    const rubric = demoRubrics[variant];
    expect(rubric.variant).toBe(variant);
    const domains = rubric.criteria.map((c) => c.domain);
    for (const domain of primary[variant]) expect(domains).toContain(domain);
    for (const domain of domains) expect(competencyDomains).toContain(domain);
    expect(new Set(domains).size).toBe(domains.length);
    for (const criterion of rubric.criteria) {
      expect(criterion.levels.map((l) => l.score)).toEqual([1, 2, 3, 4]);
      for (const level of criterion.levels) expect(level.descriptor.length).toBeGreaterThan(20);
    }
  });

  it('has passing rules that a response can meet and can fail', () => {
    for (const rubric of Object.values(demoRubrics)) {
      const { minLevelPerCriterion, minTotalPerResponse } = rubric.passingRule;
      const max = rubric.criteria.length * 4;
      expect(minLevelPerCriterion).toBeGreaterThanOrEqual(1);
      expect(minLevelPerCriterion).toBeLessThanOrEqual(4);
      expect(minTotalPerResponse).toBeGreaterThan(rubric.criteria.length * minLevelPerCriterion);
      expect(minTotalPerResponse).toBeLessThanOrEqual(max);
    }
  });

  it('has unique criterion ids across rubrics', () => {
    const ids = Object.values(demoRubrics).flatMap((r) => r.criteria.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
