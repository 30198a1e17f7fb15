import { inDomain } from './types.js';

/** Administration: programs, workforce and promoting IECMH principles across systems. */
export const administrationItems = inDomain('administration', [
  {
    ageBand: 'prenatal',
    stem: 'A clinic plans to start screening every pregnant patient for depression. What should the program put in place before screening begins?',
    options: [
      'A clear pathway for follow-up and referral for patients who screen positive.',
      'A policy of screening only patients who appear sad.',
      'A plan to report every positive screen to child protective services.',
      'Nothing further, since screening is beneficial in itself.',
    ],
    key: 0,
  },
  {
    ageBand: 'prenatal',
    stem: 'A program manager designing a new prenatal home visiting service wants to show funders how activities are expected to lead to outcomes. Which tool is designed for this?',
    options: [
      'A job description',
      'A logic model',
      'A client satisfaction survey',
      'A personnel handbook',
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: 'An infant mental health program has high staff turnover. Which change is most likely to help retain home visitors?',
    options: [
      'Raising caseloads so that each visitor earns more in incentives.',
      'Cutting reflective supervision to free up time for visits.',
      'Manageable caseloads and regular reflective supervision built into the budget.',
      'Rotating staff among families every month to prevent attachment.',
    ],
    key: 2,
  },
  {
    ageBand: '0-3',
    stem: 'A director wants to bring infant mental health expertise into a busy pediatric primary care clinic. Which approach best fits?',
    options: [
      'Hand out brochures on attachment at the front desk.',
      'Refer every family to an outside agency for a mental health evaluation.',
      'Offer a single staff training and take no further steps.',
      'Integrate a specialist into the care team who sees families during well-child visits and supports the pediatric staff.',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: 'A program wants to test a small change in how it schedules first home visits before rolling it out. Which quality improvement method suits this?',
    options: [
      'A plan-do-study-act cycle',
      'A five-year randomized trial',
      'An annual staff satisfaction survey',
      "A change in the program's mission statement",
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'When hiring staff for a relationship-based infant-family program, which quality is most important to assess?',
    options: [
      'Speed of completing paperwork.',
      'Capacity for self-reflection and for forming respectful relationships with families.',
      'Willingness to work without supervision.',
      'Preference for giving clear instructions to parents.',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'A policy advocate is preparing to meet a state legislator about funding early childhood mental health consultation. Which approach is most likely to be effective?',
    options: [
      'Present detailed clinical case notes about children in the program.',
      'Describe the theory of attachment in depth.',
      'Combine brief data on outcomes and costs with a short, real story that illustrates the impact.',
      'Insist that the legislator fund the program in full without discussion.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'A state is scaling up early childhood mental health consultation. Which element is most important for keeping quality consistent across sites?',
    options: [
      'Allowing each consultant to define the model as they see fit.',
      'Hiring consultants with no experience to reduce costs.',
      'Measuring only how many classrooms are visited.',
      'A shared model with training, reflective supervision for consultants and fidelity monitoring.',
    ],
    key: 3,
  },
  {
    ageBand: '3-6',
    stem: 'An early childhood program draws on several funding sources with different rules. Combining them so that services appear seamless to families, while tracking each source separately, is known as:',
    options: ['Braiding funding', 'Supplanting funding', 'Cost shifting', 'Unfunded mandating'],
    key: 0,
  },
  {
    ageBand: '3-6',
    stem: "A preschool director asks how to make the program's policies more trauma-informed. Which change best reflects that aim?",
    options: [
      'Adding more rules and consequences for misbehavior.',
      'Building predictable routines, staff training on trauma, and support for staff well-being into program policy.',
      "Removing all limits on children's behavior.",
      'Screening out children with trauma histories at enrolment.',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'A program leader wants to know whether the program serves families equitably. Which step is most informative?',
    options: [
      'Reviewing the mission statement for inclusive language.',
      'Asking staff whether they treat families fairly.',
      'Comparing enrolment, engagement and outcome data across family groups, and asking families about their experiences.',
      'Counting the total number of families served last year.',
    ],
    key: 2,
  },
]);
