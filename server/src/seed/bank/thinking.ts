import { inDomain } from './types.js';

/** Thinking: observation, hypotheses, assessment and formulation. */
export const thinkingItems = inDomain('thinking', [
  {
    ageBand: 'prenatal',
    stem: 'A pregnant client says she is thrilled about the baby but has not attended any prenatal appointments. What is the most useful way to think about this?',
    options: [
      'Conclude that she is lying about being happy.',
      'Hold several possible explanations, such as practical barriers, fear or ambivalence, and explore them with her.',
      'Assume that she does not value medical care.',
      "Decide that the missed appointments are not the practitioner's concern.",
    ],
    key: 1,
  },
  {
    ageBand: 'prenatal',
    stem: 'A pregnant client in crisis has nowhere to stay tonight, a positive depression screen, and an overdue bill for her phone. What should the practitioner address first?',
    options: [
      'The overdue phone bill, since it is the quickest to solve.',
      'The depression screen, since mental health comes before everything else.',
      'Her immediate safety, including where she will sleep tonight and any risk of harm, before the rest.',
      'None of them until the next scheduled visit.',
    ],
    key: 2,
  },
  {
    ageBand: 'prenatal',
    stem: 'A practitioner notices she has been looking only for evidence that a pregnant client is "not coping" and overlooking signs of strength. This is an example of:',
    options: [
      'Confirmation bias',
      'Reflective functioning',
      'Parallel process',
      'Informed consent',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'Which of these is an observation rather than an interpretation?',
    options: [
      'The mother does not love her baby.',
      'The baby is angry with his father.',
      'The mother is trying to make the baby dependent on her.',
      'The baby turned away three times as his mother leaned close to his face.',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: 'In the widely used diagnostic classification for mental health in infancy and early childhood (birth to 5), what does the axis on the relational context add to the assessment?',
    options: [
      "A measure of the child's intelligence.",
      "A description of the caregiving relationships and environment in which the child's difficulties occur.",
      "A list of the child's medical conditions.",
      "The family's income and insurance status.",
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: 'A 2-year-old has very few words and does not always respond when called. What should be ruled out early in the assessment?',
    options: ['Hearing loss', 'Oppositional behavior', 'Parental neglect', 'Giftedness'],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'Which approach to case formulation best fits infant and early childhood mental health?',
    options: [
      'Focusing only on the symptoms the child shows in the office.',
      "Relying on the parent's report alone.",
      "Integrating the child's biology and development, the relationships, culture and the wider environment into working hypotheses.",
      'Choosing a diagnosis first and then collecting facts that support it.',
    ],
    key: 2,
  },
  {
    ageBand: '0-3',
    stem: 'A 20-month-old is losing weight, his mother seems depressed, and the family faces eviction next month. Which concern requires the most urgent attention?',
    options: [
      'The coming eviction.',
      "The mother's depression.",
      "The family's relationships with relatives.",
      "The child's weight loss, which calls for prompt medical assessment.",
    ],
    key: 3,
  },
  {
    ageBand: '3-6',
    stem: 'A 5-year-old is described as hyperactive, easily startled and unable to sit still. He has lived in three homes and experienced violence. Why does the history matter to the assessment?',
    options: [
      'It does not matter, since the symptoms meet criteria for attention-deficit hyperactivity disorder.',
      'Trauma-related hyperarousal can look like inattention and hyperactivity, so both should be considered.',
      'It proves that his behavior is caused entirely by trauma.',
      'It matters only for deciding which parent is to blame.',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'A 4-year-old is aggressive at home but calm and cooperative at preschool. Which hypothesis is most worth exploring?',
    options: [
      'That preschool staff are hiding his behavior.',
      'That he has a disorder that shows only in the evening.',
      'That something in the home context or relationships is contributing to the behavior.',
      'That he is deliberately manipulating his parents.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'Why is it important to observe a young child in more than one setting and on more than one occasion before drawing conclusions?',
    options: [
      "Because young children's behavior varies with context, relationships and state, so single snapshots can mislead.",
      'Because insurance rules require several visits.',
      'Because young children always behave worse with strangers.',
      'Because one observation is enough only for children older than 3.',
    ],
    key: 0,
  },
  {
    ageBand: '3-6',
    stem: "A clinician forms an early hypothesis that a 4-year-old's defiance stems from harsh discipline at home. What is the best way to hold this hypothesis?",
    options: [
      'As a conclusion to act on at once.',
      'As a secret the family should not be told about.',
      'As a reason to stop gathering further information.',
      'As one possibility to test against new information, ready to revise it.',
    ],
    key: 3,
  },
  {
    ageBand: '3-6',
    stem: "A 5-year-old's drawings show dark colors. What can the clinician reasonably conclude from this alone?",
    options: [
      'The child is depressed.',
      'Very little: a single feature of drawings is not a reliable sign of emotional state without other information.',
      'The child has been abused.',
      'The child has a visual impairment.',
    ],
    key: 1,
  },
]);
