import { inDomain } from './types.js';

/** Law, Regulation & Agency Policy. */
export const lawRegulationPolicyItems = inDomain('law-regulation-policy', [
  {
    ageBand: 'prenatal',
    stem: 'Under federal child welfare law in the United States, what must states have in place for infants identified at birth as affected by substance use?',
    options: [
      "Automatic removal of the infant from the parents' care.",
      'Criminal prosecution of the mother.',
      'A plan of safe care that addresses the needs of the infant and the family or caregiver.',
      'Nothing; prenatal substance exposure is not addressed in federal law.',
    ],
    key: 2,
  },
  {
    ageBand: 'prenatal',
    stem: 'A pregnant client tells her counselor that she is thinking of ending her life. Which statement about confidentiality applies?',
    options: [
      'Confidentiality may be breached as needed to protect her from serious and imminent harm.',
      'Confidentiality is absolute and cannot be broken for any reason.',
      "Only the client's partner may be told, and only if she agrees.",
      "The counselor must wait for the client's written consent before acting.",
    ],
    key: 0,
  },
  {
    ageBand: 'prenatal',
    stem: 'A state is considering extending paid family leave for new parents. Which argument draws most directly on evidence relevant to infant mental health?',
    options: [
      'Leave reduces the number of children needing preschool.',
      'Leave lowers the cost of infant formula.',
      'Leave helps employers reduce staffing costs.',
      'Leave is associated with better infant health and gives parents time to build early relationships.',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: 'What level of certainty does a mandated reporter generally need before reporting suspected child abuse or neglect?',
    options: [
      'Proof that abuse occurred.',
      'Reasonable suspicion or cause to believe that abuse or neglect has occurred.',
      'A confession from the caregiver.',
      'Agreement from a supervisor that the report is justified.',
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: 'Before sharing information about a 2-year-old with another agency, what is generally required when no legal exception applies?',
    options: [
      'Verbal permission from any adult relative.',
      'Nothing, if the other agency also serves children.',
      'Written consent from the legal guardian specifying what may be shared, with whom, and for how long.',
      'A request from the other agency on its letterhead.',
    ],
    key: 2,
  },
  {
    ageBand: '0-3',
    stem: 'A clinician is asked to begin treatment with a 20-month-old in foster care. Who can consent to treatment?',
    options: [
      'Whoever is authorized under the court orders and the law of that jurisdiction, which must be checked before starting.',
      'The foster parent, always and in every case.',
      "The child's birth parent, always and in every case.",
      'The clinician may begin treatment without consent from anyone.',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'A toddler entering foster care may be a member of, or eligible for membership in, a federally recognized tribe. Which law requires that the tribe be notified and sets placement preferences?',
    options: [
      'The Americans with Disabilities Act',
      'The Family Educational Rights and Privacy Act',
      'The Health Insurance Portability and Accountability Act',
      'The Indian Child Welfare Act',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: 'A clinician receives a subpoena for the records of an infant she treats. What is the most appropriate first step?',
    options: [
      'Send the complete records at once, as a subpoena always requires release.',
      "Destroy the records so that the family's privacy is protected.",
      'Consult agency policy or legal counsel and the family, since a subpoena alone may not authorize release without consent or a court order.',
      'Ignore the subpoena, since infant records are never subject to legal process.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'A clinician treating a 4-year-old is asked by one parent to recommend which parent should have custody. What is the most appropriate response?',
    options: [
      'Give a recommendation, since the clinician knows the child best.',
      'Decline to take on the evaluator role, since acting as both therapist and custody evaluator is a conflicting dual role.',
      'Recommend the parent who brings the child to therapy.',
      'Ask the child which parent he prefers and report the answer.',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'A private preschool wants to refuse a 4-year-old with a disability because of the extra support he needs. Under the Americans with Disabilities Act, what generally applies?',
    options: [
      'Programs must make reasonable modifications unless doing so would fundamentally alter the program or impose an undue burden.',
      'Private programs are free to refuse any child with a disability.',
      'The program must hire a one-to-one aide for the child in every case.',
      'The law applies only to children older than 6.',
    ],
    key: 0,
  },
  {
    ageBand: '3-6',
    stem: "Records kept by a public school district's preschool program about a 5-year-old are generally governed by which law?",
    options: [
      'The Indian Child Welfare Act',
      'The Child Abuse Prevention and Treatment Act',
      'The Social Security Act',
      'The Family Educational Rights and Privacy Act',
    ],
    key: 3,
  },
  {
    ageBand: '3-6',
    stem: 'A state is writing a policy to limit suspension and expulsion in publicly funded preschools. Which provision best reflects early childhood mental health principles?',
    options: [
      'Allow expulsion for any child who bites more than twice.',
      'Require teachers to document misbehavior daily.',
      'Require access to mental health consultation and support before exclusion is considered, with exclusion as a last resort.',
      'Ban children with challenging behavior from enrolling.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: "An agency's policy requires that case notes be completed within 48 hours. A clinician is two weeks behind. What is the appropriate course?",
    options: [
      'Backdate the notes so that they appear on time.',
      'Complete the notes accurately with the actual dates, and discuss the workload with a supervisor.',
      'Skip the notes for sessions where nothing important happened.',
      'Write one summary note covering the two weeks.',
    ],
    key: 1,
  },
]);
