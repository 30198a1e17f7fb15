/** A rubric's four levels, as the demo's rubrics name them. */
export const levels = ['Beginning', 'Emerging', 'Proficient', 'Exemplary'].map((label, i) => ({
  score: i + 1,
  label,
  descriptor: `${label} descriptor`,
}));

/** A two-criterion rubric (reflection, thinking) for pages that score against one. */
export const twoCriteriaRubric = {
  version: 1,
  title: 'Clinical rubric',
  passingRule: { minLevelPerCriterion: 2, minTotalPerResponse: 4 },
  criteria: [
    { id: 'reflection', title: 'Reflection', domain: 'reflection' as const, levels },
    { id: 'thinking', title: 'Thinking', domain: 'thinking' as const, levels },
  ],
};
