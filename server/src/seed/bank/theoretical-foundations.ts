import { inDomain } from './types.js';

export const theoreticalFoundationsItems = inDomain('theoretical-foundations', [
  {
    ageBand: 'prenatal',
    stem: 'Which statement best describes how severe, ongoing stress during pregnancy can affect the developing fetus?',
    options: [
      'It has no effect, because the placenta blocks every maternal stress hormone.',
      'It affects the fetus only if the mother also uses substances.',
      "It can shape the development of the fetus's own stress-response system, which is one reason to support parents during pregnancy.",
      "It permanently determines the child's temperament, whatever happens after birth.",
    ],
    key: 2,
  },
  {
    ageBand: 'prenatal',
    stem: 'Research on the way expectant parents imagine their baby during pregnancy has found that these prenatal representations:',
    options: [
      'Are unrelated to the relationship that later develops with the baby.',
      'Are associated with the later quality of the parent-infant attachment relationship.',
      'Exist only in first-time mothers and not in fathers.',
      'Can be measured only after the baby is born.',
    ],
    key: 1,
  },
  {
    ageBand: 'prenatal',
    stem: 'What is the current public health guidance on drinking alcohol during pregnancy?',
    options: [
      'No amount of alcohol is known to be safe at any stage of pregnancy.',
      'One drink a day is safe after the first trimester.',
      'Only spirits are harmful; wine and beer are safe in moderation.',
      'Alcohol is harmful only in the final month of pregnancy.',
    ],
    key: 0,
  },
  {
    ageBand: 'prenatal',
    stem: 'Winnicott described a heightened state of sensitivity in which a mother, late in pregnancy and soon after birth, becomes deeply absorbed in her baby. What did he call it?',
    options: [
      'The holding environment',
      'The transitional object',
      'The false self',
      'Primary maternal preoccupation',
    ],
    key: 3,
  },
  {
    ageBand: 'prenatal',
    stem: 'Which statement best describes epigenetic influences on development?',
    options: [
      'Experiences change the DNA sequence a child inherits.',
      'Genes fully determine development, whatever the environment.',
      'Experiences, including those before birth, can change how genes are expressed without changing the DNA sequence.',
      'Epigenetic changes occur only after puberty.',
    ],
    key: 2,
  },
  {
    ageBand: '0-3',
    stem: 'In a laboratory separation-and-reunion procedure, a 12-month-old shows little distress when her mother leaves and turns away from her on return. This pattern is most often classified as:',
    options: ['Secure', 'Insecure-avoidant', 'Insecure-resistant (ambivalent)', 'Disorganized'],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: 'The phrase "ghosts in the nursery" refers to:',
    options: [
      "A parent's unremembered or unresolved early experiences intruding on the care of their own baby.",
      "Infants' fears of the dark, which peak in the second year.",
      'Relatives who interfere with how new parents raise their baby.',
      'Sleep problems that follow the loss of a sibling.',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'The "serve and return" image of early brain development refers to:',
    options: [
      'Teaching infants to take turns with toys.',
      'Structured lessons that stimulate the brain through repetition.',
      'The alternation of sleep and waking in the first months.',
      'Back-and-forth, responsive exchanges between a baby and an attuned adult that build brain architecture.',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: 'In the still-face experiment, a parent stops responding and holds a blank face for a short time. What do infants typically do, and what does it show?',
    options: [
      'They keep playing alone, showing that young infants are self-sufficient.',
      'They fall asleep, showing that interaction tires young infants.',
      'They try to re-engage and then become distressed, showing that infants actively take part in regulating interaction.',
      'They show no change, because infants under 6 months do not notice facial expressions.',
    ],
    key: 2,
  },
  {
    ageBand: '0-3',
    stem: 'Which statement captures the idea of the "good enough" parent?',
    options: [
      'Parents should meet every need instantly to build secure attachment.',
      'Ordinary, imperfect but responsive care, with mismatches that are repaired, is what infants need.',
      'Parents need only meet physical needs; emotional needs come later.',
      'Good enough care means leaving infants to soothe themselves from birth.',
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: 'Studies of parent-infant interaction suggest that moments of mismatch between parent and baby are:',
    options: [
      'Frequent and normal; repairing them helps infants learn that distress can be resolved together.',
      'Rare in healthy relationships and a warning sign of insecure attachment.',
      'Harmful in themselves and best avoided at all costs.',
      'Important only after the infant can speak.',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'A 9-month-old who was friendly with everyone now cries when an unfamiliar adult approaches. How is this best understood?',
    options: [
      'A sign that the baby has been kept too isolated.',
      'An early sign of an anxiety disorder.',
      'Evidence of an insecure attachment to the parents.',
      'A typical development that shows growing discrimination between familiar and unfamiliar people.',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: "A parent's capacity to think about the baby's behavior in terms of the baby's feelings, wishes and intentions is usually called:",
    options: [
      'Behavioral contingency',
      'Object permanence',
      'Reflective functioning',
      'Goodness of fit',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'At about what age do most children first understand that another person can hold a belief that they themselves know to be false?',
    options: ['Around 12 months', 'Around 2 years', 'Around 4 to 5 years', 'Around 8 years'],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'Which statement about executive function in the preschool years is most accurate?',
    options: [
      'It is fixed at birth and cannot be influenced by experience.',
      'It grows rapidly between 3 and 6 and is supported by responsive relationships, routines and play.',
      'It develops only once formal schooling begins.',
      'It is best built through worksheets and drills.',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'How does self-regulation typically develop in young children?',
    options: [
      'It is present at birth and simply becomes more visible with age.',
      'It is learned mainly from rewards and punishments.',
      "It depends only on the child's temperament.",
      "Regulation shared with caregivers (co-regulation) comes first and gradually supports the child's own self-regulation.",
    ],
    key: 3,
  },
  {
    ageBand: '3-6',
    stem: "Bowlby described a phase, beginning around age 3 or 4, in which the child can take the parent's plans and goals into account. What did he call it?",
    options: [
      'The goal-corrected partnership',
      'The phase of undiscriminating social responsiveness',
      'The rapprochement crisis',
      'The latency period',
    ],
    key: 0,
  },
  {
    ageBand: '3-6',
    stem: 'The idea of "goodness of fit" in temperament research refers to:',
    options: [
      'Matching children with peers of the same temperament.',
      "How well a child's temperament and the demands and expectations of their environment suit each other.",
      "A child's physical fitness relative to age norms.",
      'A measure of how closely a child resembles the parents.',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'Stress becomes "toxic" for a young child chiefly when:',
    options: [
      'The child meets any challenge at all, such as starting preschool.',
      'The child experiences a single frightening event.',
      'Strong, frequent or prolonged adversity occurs without the buffering of supportive adult relationships.',
      'The child is temperamentally shy or slow to warm up.',
    ],
    key: 2,
  },
]);
