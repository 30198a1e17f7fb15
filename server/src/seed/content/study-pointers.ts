import type { CompetencyDomain } from '@exam/shared/domain';

/**
 * Where to go next in one domain, shown with a released result when a candidate's score there
 * is below expectation. Topics rather than titles: associations add their own reading lists.
 */
export interface StudyPointer {
  domain: CompetencyDomain;
  summary: string;
  readAbout: readonly string[];
  practise: readonly string[];
}

/** One pointer per competency domain; the Record type makes a missing domain a compile error. */
export const studyPointers: Record<CompetencyDomain, StudyPointer> = {
  'theoretical-foundations': {
    domain: 'theoretical-foundations',
    summary:
      'Strengthen the developmental and relational knowledge that explains why young children and their caregivers behave as they do.',
    readAbout: [
      'Development from pregnancy to age 6 across physical, social-emotional, language and cognitive domains',
      'Attachment theory and research on how caregiving relationships shape regulation and exploration',
      'How stress, trauma and protective relationships affect early brain development',
      'How culture and family systems shape caregiving and what is considered typical',
    ],
    practise: [
      "Explain a child's behavior you have observed in two or three plain sentences that draw on development and relationships.",
      'Compare what a behavior might mean at 9 months, 2 years and 5 years.',
    ],
  },
  'law-regulation-policy': {
    domain: 'law-regulation-policy',
    summary:
      'Be sure of the legal and agency rules that protect young children and families, and of how to act on them within a relationship.',
    readAbout: [
      'Mandated reporting duties in your state and your agency, and what happens after a report',
      'Confidentiality, consent and information sharing when the client is a young child and family',
      'Child welfare, early intervention and family court processes as they affect infants and young children',
    ],
    practise: [
      'Walk through your agency reporting steps with a supervisor, including how to tell a family that you are making a report.',
      'For one family you serve, list who may consent to services and who may receive information.',
    ],
  },
  'systems-expertise': {
    domain: 'systems-expertise',
    summary:
      'Understand the service systems around young children and families, and how families move, or fail to move, between them.',
    readAbout: [
      'Health, early intervention, child welfare, early care and education, and mental health services for children under 6',
      'How referrals, eligibility rules and funding streams connect or divide these systems',
      'Barriers families meet in practice, including language, transportation and distrust of services',
    ],
    practise: [
      'Map every service and person involved with one family, and mark where communication breaks down.',
      'Follow one referral from start to finish and note each point where it could be lost.',
    ],
  },
  'direct-service-skills': {
    domain: 'direct-service-skills',
    summary:
      'Build skill in observing, assessing and intervening with young children in the context of their caregiving relationships.',
    readAbout: [
      'Observation of caregiver-child interaction, and how to separate what you see from what you infer',
      'Screening and assessment approaches suited to the age band you serve, and their limits',
      'Relationship-based intervention approaches for infants, toddlers, preschoolers and their caregivers',
    ],
    practise: [
      'Write a short observation that records only what you saw and heard, then write your interpretations separately.',
      'After a visit, note one moment where you supported the caregiver in noticing the child.',
    ],
  },
  'working-with-others': {
    domain: 'working-with-others',
    summary:
      'Deepen partnership with families and collaboration with other professionals, especially across differences.',
    readAbout: [
      'Family-centered and strengths-based practice, and what partnership means when a family did not choose services',
      'Cultural humility and the ways your own culture shapes what you notice and expect',
      'Collaboration across disciplines and agencies, including how to handle disagreement',
    ],
    practise: [
      'Before a team meeting, write down what each participant, including the parent, most needs from it.',
      'Ask a family what they want from your work together, and revisit the answer after a month.',
    ],
  },
  communicating: {
    domain: 'communicating',
    summary:
      'Practise listening and speaking in ways that keep relationships safe, including when the message is hard.',
    readAbout: [
      'Reflective listening and how to respond to strong feelings without rushing to fix them',
      'Sharing difficult information with families and colleagues',
      'Writing for different audiences: families, other providers, funders and decision makers',
    ],
    practise: [
      'Rehearse, with a colleague, telling a parent about a concern in words the parent would use.',
      'Rewrite one report or summary so that a family member could read it without jargon.',
    ],
  },
  thinking: {
    domain: 'thinking',
    summary:
      'Sharpen how you form, test and revise explanations, holding more than one perspective when the picture is unclear.',
    readAbout: [
      'Forming hypotheses from observation, and gathering information that could prove them wrong',
      "Taking each person's perspective in turn: the child's, each caregiver's and the professionals'",
      'Weighing risk and protective factors without jumping to conclusions',
    ],
    practise: [
      'For a behavior that puzzles you, write three different explanations and what would support each.',
      'In a case discussion, name one assumption you are making and how you could check it.',
    ],
  },
  reflection: {
    domain: 'reflection',
    summary:
      'Make fuller use of your own responses and of reflective supervision to understand families and guide your work.',
    readAbout: [
      'Reflective supervision and consultation: its purpose, structure and the supervisory relationship',
      'Parallel process, and how feelings in one relationship can echo in another',
      'Self-awareness, personal history and bias in relationship-based work',
    ],
    practise: [
      'After visits, jot down what you felt and when, and bring one of those moments to supervision.',
      'Notice a case you avoid thinking about, and ask yourself what it stirs in you.',
    ],
  },
  administration: {
    domain: 'administration',
    summary:
      'Grow as a leader who builds programs and policies in which relationship-based practice can actually happen.',
    readAbout: [
      'Program planning and management grounded in infant and early childhood mental health principles',
      'Workforce well-being: caseloads, reflective supervision, retention and their funding',
      'How contracts, data requirements and funding rules shape practice, and how to change them',
    ],
    practise: [
      'Review one policy or contract you work under and mark where it supports or undermines relationships.',
      'Draft a one-page proposal for a change, including its cost and how you would measure its effect.',
    ],
  },
  'research-evaluation': {
    domain: 'research-evaluation',
    summary:
      'Strengthen your ability to read, design and communicate research and evaluation in the field.',
    readAbout: [
      'Study designs and what each can and cannot show, from case studies to randomized trials',
      'Measurement: validity, reliability and fit with the culture and language of participants',
      'Program evaluation with community partners, including ethics, consent and data ownership',
    ],
    practise: [
      "Summarize one recent study's question, design, sample, findings and limitations in five sentences.",
      'Sketch an evaluation for a program you know, and list what would threaten its conclusions.',
    ],
  },
};
