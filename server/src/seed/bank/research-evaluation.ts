import { inDomain } from './types.js';

/** Research & Evaluation, including teaching (the Research/Faculty track). */
export const researchEvaluationItems = inDomain('research-evaluation', [
  {
    ageBand: 'prenatal',
    stem: 'A study finds that women who attended more prenatal classes had fewer postpartum complications. What is the most important caution in interpreting this finding?',
    options: [
      'The finding proves that prenatal classes prevent complications.',
      'Other factors, such as income or health, may explain both class attendance and outcomes.',
      'The finding cannot apply to any women outside the study.',
      'Postpartum complications cannot be measured reliably.',
    ],
    key: 1,
  },
  {
    ageBand: 'prenatal',
    stem: 'Researchers want to know whether a new prenatal support program causes better birth outcomes. Which design gives the strongest evidence of cause and effect?',
    options: [
      'A case study of one participant',
      "A survey of participants' satisfaction",
      'A randomized controlled trial',
      'A comparison of outcomes before and after the program for the same participants only',
    ],
    key: 2,
  },
  {
    ageBand: 'prenatal',
    stem: 'A researcher wants to enroll pregnant women in a study of stress and sleep. What is essential for ethical informed consent?',
    options: [
      "Participants understand the study's purpose, risks and benefits and know they may withdraw at any time without losing services.",
      'Participants are told only what they need to complete the questionnaires.',
      "Consent is obtained from the woman's partner.",
      'Consent is assumed if the woman attends the first session.',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'A developmental screening tool identifies 90 percent of toddlers who truly have a delay. This property of the tool is its:',
    options: ['Specificity', 'Reliability', 'Face validity', 'Sensitivity'],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: 'Two trained observers rate the same videotaped parent-infant interactions and reach very similar scores. This shows that the measure has good:',
    options: [
      'Inter-rater reliability',
      'Predictive validity',
      'Statistical power',
      'Generalizability',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'Which description best defines evidence-based practice in infant mental health?',
    options: [
      'Using only interventions that have been tested in randomized trials.',
      'Following the most recent article the practitioner has read.',
      "Integrating the best research evidence with clinical expertise and the family's values and culture.",
      'Doing what the practitioner has always found to work.',
    ],
    key: 2,
  },
  {
    ageBand: '0-3',
    stem: "A program reports that toddlers' language scores improved between enrolment and age 3. Without a comparison group, what is the main limitation?",
    options: [
      'The scores cannot be compared at all.',
      'The improvement might be due to ordinary development or other factors rather than the program.',
      'The program must have caused the improvement.',
      'Language cannot be measured in toddlers.',
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: 'A study of an infant-parent program reports a statistically significant but very small effect. What is the best interpretation?',
    options: [
      'The program has a large, clinically important effect.',
      'The result is certainly due to chance.',
      'The effect is unlikely to be chance alone, but its practical importance needs separate judgment.',
      'Statistical significance and effect size mean the same thing.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'A faculty member teaching a graduate course on early childhood mental health wants students to apply concepts rather than memorize them. Which teaching approach best fits?',
    options: [
      'Lecturing for the full class period.',
      'Assigning more readings.',
      'Giving weekly multiple-choice quizzes only.',
      "Active learning with case discussions, video observation and reflection on the students' own reactions.",
    ],
    key: 3,
  },
  {
    ageBand: '3-6',
    stem: 'Researchers plan a study involving 4- and 5-year-olds in preschool classrooms. Besides parental permission, what is good ethical practice?',
    options: [
      "Seeking each child's assent in words they understand and respecting a child's wish to stop.",
      'Nothing more, since young children cannot take part in decisions.',
      'Offering the children toys only if they complete every task.',
      'Asking teachers to consent on behalf of the children.',
    ],
    key: 0,
  },
  {
    ageBand: '3-6',
    stem: 'An evaluator wants to understand how preschool teachers experience working with a mental health consultant, in their own words. Which method suits this question best?',
    options: [
      'A randomized controlled trial',
      'Qualitative interviews or focus groups',
      'A standardized achievement test for the children',
      'A cost-benefit analysis',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'A parenting program for preschoolers worked well in trials but shows weak results in a new community agency. What should evaluators check first?',
    options: [
      'Whether the original trials were fraudulent.',
      'Whether the families in the community are less motivated.',
      'Whether the program is being delivered as designed (fidelity) and fits the setting.',
      'Whether the program should be abandoned at once.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'A norm-referenced social-emotional assessment places a 5-year-old at the 10th percentile. What does this mean?',
    options: [
      'The child answered 10 percent of the items correctly.',
      "The child is in the lowest 10 percent of children in the test's norm group on this measure.",
      'The child has a 10 percent chance of a disorder.',
      'The child scored better than 90 percent of children in the norm group.',
    ],
    key: 1,
  },
]);
