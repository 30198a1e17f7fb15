import { inDomain } from './types.js';

/** Working with Others: families, colleagues and other disciplines. */
export const workingWithOthersItems = inDomain('working-with-others', [
  {
    ageBand: 'prenatal',
    stem: "A pregnant client's obstetric team is concerned about her missed appointments and asks the home visitor for an update. What should the home visitor do?",
    options: [
      'Share everything she knows, since they are all working for the client.',
      'Refuse to talk to the medical team under any circumstances.',
      'Talk with the client first and share information only with her written consent.',
      "Ask the client's partner for permission to share.",
    ],
    key: 2,
  },
  {
    ageBand: 'prenatal',
    stem: 'An expectant father attends a prenatal home visit but sits apart and says little. How can the practitioner best include him?',
    options: [
      'Address him directly, ask about his hopes and worries for the baby, and invite him to future visits.',
      'Focus on the mother, since prenatal services are for her.',
      'Ask him to leave so that the mother can speak freely.',
      'Give him a pamphlet for fathers and leave it at that.',
    ],
    key: 0,
  },
  {
    ageBand: 'prenatal',
    stem: 'A pregnant client speaks a language the practitioner does not. Her 10-year-old son speaks both. What is the best way to communicate?',
    options: [
      'Ask the son to interpret, since he knows the family best.',
      'Use simple words and gestures without an interpreter.',
      "Postpone services until the client learns the practitioner's language.",
      'Use a trained interpreter rather than a child or family member.',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: 'How does a relationship-based practitioner view the parents of an infant in the helping relationship?',
    options: [
      'As recipients of expert advice who should follow instructions.',
      'As partners who know their baby best and share in setting goals.',
      "As obstacles to the infant's treatment.",
      'As informants whose only role is to report symptoms.',
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: "A family's practice is to carry their 8-month-old almost constantly and to sleep with him. The practitioner was trained to value floor time and separate sleep. What is the best approach?",
    options: [
      'Explain that the family must change to support his motor development.',
      'Say nothing about development at all, to avoid offending them.',
      'Learn what the practice means to them, respect it, and together find safe ways to support all areas of development.',
      'Report the family for failing to follow recommended practices.',
    ],
    key: 2,
  },
  {
    ageBand: '0-3',
    stem: "A toddler's early intervention team includes a speech therapist, a home visitor and a mental health clinician who each give the parents different advice. What is the best way forward?",
    options: [
      'Let each discipline continue separately, since each knows its own area.',
      'Have the parents choose whose advice to follow.',
      'Reduce the services to one discipline only.',
      'Meet as a team with the family to agree on shared goals and consistent strategies.',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: 'Two team members disagree strongly about whether a baby should be reunified with her mother. What helps the team most?',
    options: [
      "A reflective discussion that keeps the baby's experience and needs at the center and makes room for each view.",
      'Letting the more senior team member decide without discussion.',
      'Avoiding the topic until the court decides.',
      'Asking the mother to choose which team member she prefers.',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'A grandmother is raising her 2-year-old grandson while his mother is in residential treatment. How should the practitioner involve the grandmother?',
    options: [
      'Treat her as a temporary babysitter whose views are not needed.',
      'Recognize her as a primary caregiver, support her, and include her in planning for the child.',
      'Speak only to the mother, since she holds legal custody.',
      'Advise her to keep the child from forming a bond with her, since the placement is temporary.',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'A mental health consultant begins working with a preschool classroom. What should come first?',
    options: [
      'Telling the teachers what they are doing wrong.',
      'Writing a behavior plan for every child in the room.',
      'Observing the children only, without meeting the teachers.',
      'Building a trusting relationship with the teachers and learning their concerns and goals.',
    ],
    key: 3,
  },
  {
    ageBand: '3-6',
    stem: "A 5-year-old's kindergarten teacher and his parents blame each other for his behavior. How can the clinician best help?",
    options: [
      "Side with the parents, since they are the clinician's clients.",
      'Side with the teacher, since she sees the child more hours each day.',
      'Bring them together around a shared picture of the child and a common plan.',
      'Advise the parents to change schools.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: "With the parents' consent, a clinician wants to coordinate with a 4-year-old's pediatrician about sleep problems. What makes the collaboration most effective?",
    options: [
      'Sharing clear, relevant information and agreeing on roles and follow-up.',
      'Sending the full therapy notes without a summary.',
      'Waiting for the pediatrician to make contact first.',
      'Telling the pediatrician which medication to prescribe.',
    ],
    key: 0,
  },
  {
    ageBand: '3-6',
    stem: 'A father who does not live with his 4-year-old daughter but sees her every weekend asks to be involved in her treatment. What is the most appropriate response?',
    options: [
      'Decline, since only the parent who lives with the child should take part.',
      'Welcome his involvement within the limits of custody arrangements and consent.',
      'Involve him only if the mother does not object informally.',
      'Ask him to send his views by email rather than attend.',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'A child care director wants a consultant to "fix" a 4-year-old, but the teachers feel unsupported. Which stance best reflects consultation in early childhood settings?',
    options: [
      'Work only with the child, since he is the identified problem.',
      'Tell the director that the teachers are the problem.',
      'Decline the request because the program is not ready.',
      'Work with the adults around the child, supporting their capacity to understand and respond to him.',
    ],
    key: 3,
  },
]);
