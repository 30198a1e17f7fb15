import type { DemoVignetteSet } from './vignettes.js';

/** Policy vignettes for Mentor-Policy candidates: promoting IECMH principles across systems. */
export const policySet: DemoVignetteSet = {
  id: 'policy-mentor',
  title: 'Policy vignettes: infant and early childhood mental health across systems',
  variant: 'policy',
  endorsement: null,
  audience: 'mentor',
  requiredCount: 2,
  instructions:
    'Read all three vignettes and choose two to answer. Respond as a leader who promotes infant and early childhood mental health principles within and across systems. Address every prompt of the vignettes you choose.',
  vignettes: [
    {
      id: 'policy-visits-counted-relationships-not',
      title: 'Visits counted, relationships not',
      caseText: [
        'Your state legislature has doubled funding for home visiting to families with infants, and the state health agency has asked you, as its infant and early childhood mental health advisor, to help design the expansion. The draft contracts pay programs per completed visit, with a target of 48 visits per family per year. They include no funding for reflective supervision, and the required data system records only the number of visits, screenings completed and referrals made.',
        'Program directors tell you that staff turnover is already high, that home visitors are supporting families affected by substance use and domestic violence with little support of their own, and that families tend to drop out when their home visitor leaves. The agency\'s budget officer tells you that reflective supervision "isn\'t an evidence-based model" and that every dollar must show measurable results to legislators within two years. A parent advisory group has asked to take part in planning but has not yet been invited to a meeting. The agency wants your written recommendations within a month, before the contracts are finalized.',
      ],
      prompts: [
        'What changes would you propose to the contracts, the data requirements and the funding so that the expansion supports relationship-based practice? Explain your reasoning.',
        'How would you make your case to the budget officer and to legislators, and how would you involve families and program directors in the process?',
      ],
      domains: ['administration', 'systems-expertise', 'communicating'],
    },
    {
      id: 'policy-referrals-that-go-nowhere',
      title: 'Referrals that go nowhere',
      caseText: [
        "You lead a cross-agency workgroup convened by your state's early childhood council. Federal and state rules require that infants and toddlers in substantiated cases of abuse or neglect be referred for an early intervention evaluation. Data shared at the first meeting show that fewer than a third of these referrals lead to an evaluation, and that infants in foster care wait longer for services than other children do.",
        'Each agency describes the problem differently. Child welfare staff say early intervention never calls back. Early intervention staff say referrals arrive without a current address or the name of anyone who can give consent. Foster parents say no one told them a referral had been made. A family court judge who attends asks why infant mental health services are not part of case plans. The agencies use different consent forms, share no data system, and are all under a hiring freeze.',
        'At the end of the first meeting, the child welfare director suggests that the workgroup simply send a memo reminding caseworkers of the rule. The early intervention coordinator says quietly that her program is already over capacity, and that more referrals without more staff would only lengthen the wait.',
      ],
      prompts: [
        'How would you lead this workgroup so that agencies with different mandates take shared responsibility for these infants?',
        'What changes to policy, practice and information sharing would you recommend, and how would you keep the relationships between infants and their caregivers at the center of those changes?',
        'How would you know whether the changes are working?',
      ],
      domains: ['administration', 'systems-expertise', 'communicating'],
    },
    {
      id: 'policy-a-county-without-expulsions',
      title: 'A county without expulsions',
      caseText: [
        "A county's early care and education council has learned that children are being dismissed from its preschool and child care programs at several times the rate of students in its public schools, and that Black boys are dismissed far more often than other children. The council asks you, as an early childhood mental health leader, to help develop a policy to end expulsions and to design the supports that would make such a policy work.",
        "At a listening session, child care owners say they cannot keep a child who hurts other children, that their teachers earn little more than minimum wage, and that they have no substitutes. Parents describe being called at work every day until they lost their jobs. The one mental health consultant in an existing small program tells you that she covers forty classrooms. Two council members propose simply adding a no-expulsion clause to the county's child care subsidy contracts, starting next quarter. The council chair tells you that your proposal will be presented at a public meeting in six weeks, where associations of providers and groups of parents will both speak.",
      ],
      prompts: [
        'What would you recommend to the council about the policy and its timing, and which supports must be in place for it to work?',
        'How would you involve child care owners, teachers, families and funders in shaping the approach, and how would you address the racial disparity directly?',
      ],
      domains: ['administration', 'systems-expertise', 'communicating'],
    },
  ],
};
