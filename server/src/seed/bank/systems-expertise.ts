import { inDomain } from './types.js';

/** Systems Expertise: the service systems families move through. */
export const systemsExpertiseItems = inDomain('systems-expertise', [
  {
    ageBand: 'prenatal',
    stem: 'A pregnant client with a low income is worried about affording healthy food. Which federal program in the United States specifically provides supplemental foods and nutrition education to pregnant women, infants and young children?',
    options: [
      'Supplemental Security Income (SSI)',
      'The Special Supplemental Nutrition Program for Women, Infants, and Children (WIC)',
      'Temporary Assistance for Needy Families (TANF)',
      'The Individuals with Disabilities Education Act (IDEA)',
    ],
    key: 1,
  },
  {
    ageBand: 'prenatal',
    stem: 'A pregnant client has been referred to five different agencies and says she no longer knows who is doing what. What is the most helpful systems response?',
    options: [
      'Refer her to a sixth agency that specializes in coordination.',
      'Leave it to her to sort out, to build her independence.',
      'Close the referral with the home visiting program, since other agencies are involved.',
      'Help coordinate care with her consent, clarifying roles and reducing duplication.',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: 'Under the Individuals with Disabilities Education Act, early intervention services for infants and toddlers with developmental delays or disabilities serve children from:',
    options: ['Birth to age 3', 'Age 3 to age 5', 'Age 5 to age 21', 'Birth to age 8'],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'A toddler receiving early intervention will turn 3 in ten months. What should happen regarding his transition?',
    options: [
      'Nothing until his third birthday, when services simply end.',
      'The family must reapply for all services from scratch after his birthday.',
      'Transition planning should start well ahead, with a transition conference held at least 90 days before the third birthday.',
      'He automatically continues with the same providers until age 5.',
    ],
    key: 2,
  },
  {
    ageBand: '0-3',
    stem: 'Compared with older children, how are infants represented among children entering foster care in the United States?',
    options: [
      'Infants under 1 year make up a disproportionately large share of entries.',
      'Infants almost never enter foster care.',
      'Infants enter at the same rate as teenagers.',
      'Infants are placed only in group homes.',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'Which program serves low-income pregnant women and children from birth to age 3 with comprehensive early learning, health and family support services?',
    options: [
      'Head Start',
      'Early Head Start',
      'Part B preschool special education',
      'Medicaid waiver respite care',
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: "An infant mental health clinician learns that a family's housing assistance will end next month. What is the most appropriate response within her role?",
    options: [
      'Ignore it, since housing is outside mental health practice.',
      "Pay the family's rent herself.",
      'Tell the family that housing problems are theirs to solve.',
      "Recognize the impact of housing on the baby's well-being and help the family connect with housing resources.",
    ],
    key: 3,
  },
  {
    ageBand: '3-6',
    stem: 'Under the Individuals with Disabilities Education Act, which part provides special education services for eligible children aged 3 through 5?',
    options: [
      'Part C',
      'Part B (preschool services, section 619)',
      'Title IV-E',
      'Section 504 of the Rehabilitation Act',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'Which program provides comprehensive early education, health, nutrition and family services to low-income children aged 3 to 5?',
    options: ['Early Head Start', 'Head Start', 'WIC', 'The Child Care and Development Fund only'],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'Research on early childhood mental health consultation in child care and preschool settings suggests that it can:',
    options: [
      'Replace the need for any other mental health services.',
      'Increase expulsions by identifying more children with problems.',
      "Reduce expulsions and improve teachers' confidence in supporting children's social-emotional needs.",
      'Work only when the consultant provides individual therapy on site.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'A 4-year-old in foster care has had three therapists in a year because each placement was in a different county. What systems change would most help him?',
    options: [
      'Giving him a new therapist in each new county so that care is local.',
      'Stopping therapy until his placement is permanent.',
      'Having his foster parents provide therapy themselves.',
      'Policies that keep his therapist consistent across placement moves where possible.',
    ],
    key: 3,
  },
  {
    ageBand: '3-6',
    stem: 'A family with a 5-year-old is moving from a subsidized preschool to public kindergarten. Which step best supports a smooth transition between the two systems?',
    options: [
      'With consent, sharing helpful information between programs and helping the family meet the new school in advance.',
      'Letting the kindergarten start fresh without any information.',
      'Asking the preschool to keep the child another year.',
      "Sending the full clinical record to the school without the family's knowledge.",
    ],
    key: 0,
  },
]);
