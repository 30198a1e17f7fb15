import { inDomain } from './types.js';

/** Reflection, including reflective supervision and consultation. */
export const reflectionItems = inDomain('reflection', [
  {
    ageBand: 'prenatal',
    stem: 'A home visitor who had a miscarriage two months ago is assigned a client who is 10 weeks pregnant. What is the most reflective course of action?',
    options: [
      'Say nothing, since personal matters should never affect professional work.',
      'Tell the client about her miscarriage at the first visit so that they can bond.',
      'Notice her own feelings, bring them to reflective supervision, and think together about how they may shape the work.',
      'Ask to be excused from all pregnant clients for the next year.',
    ],
    key: 2,
  },
  {
    ageBand: 'prenatal',
    stem: "A practitioner notices that she feels strongly protective of a pregnant teenager and angry at the teen's mother. In reflective supervision, what is the most useful next step?",
    options: [
      "Wonder together where these feelings come from and what they might reveal about the family's relationships.",
      "Confront the teen's mother about her lack of support at the next visit.",
      'Transfer the case at once because the practitioner has lost objectivity.',
      'Set the feelings aside and focus only on the prenatal care checklist.',
    ],
    key: 0,
  },
  {
    ageBand: 'prenatal',
    stem: "An expectant mother asks her home visitor to be the baby's godmother. How can the home visitor respond most thoughtfully?",
    options: [
      'Accept, since refusing could damage the relationship.',
      'Decline abruptly and remind her that the relationship is only professional.',
      'Stop visiting, since the request shows the relationship has become unhealthy.',
      'Acknowledge what the request means to her, explain the limits of the role warmly, and explore it in supervision.',
    ],
    key: 3,
  },
  {
    ageBand: 'prenatal',
    stem: "A pregnant client describes her plans for the birth in a flat voice while the practitioner feels a growing sense of dread. What does reflective practice suggest about the practitioner's own feeling?",
    options: [
      "It should be ignored, since only the client's feelings matter.",
      "It may be useful information about the client's experience and is worth noticing and exploring.",
      'It proves that the client is in danger and must be reported.',
      'It shows that the practitioner is not suited to perinatal work.',
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: "In reflective supervision, what is the supervisor's primary role?",
    options: [
      'To review paperwork and caseload numbers for compliance.',
      'To tell the supervisee exactly what to do with each family.',
      'To help the supervisee explore the thoughts and feelings the work raises and how they shape it.',
      "To evaluate the supervisee's performance for pay decisions.",
    ],
    key: 2,
  },
  {
    ageBand: '0-3',
    stem: 'A supervisor stays calm and curious while an anxious home visitor describes a difficult visit, and the home visitor later stays calm and curious with an anxious mother. This illustrates:',
    options: [
      'Transference',
      'Parallel process',
      'Projective identification',
      'Burnout prevention',
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: 'A practitioner feels irritated each time a mother arrives late and distracted, with her toddler in tow. What is the most reflective response?',
    options: [
      'Notice the irritation, wonder what it relates to in herself and in the family, and bring it to supervision.',
      'Tell the mother firmly that lateness shows she does not value the service.',
      'Shorten the sessions so that the lateness matters less.',
      'Hide the irritation and carry on as though nothing is happening.',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'Which arrangement best supports effective reflective supervision in an infant mental health program?',
    options: [
      'Meetings only when a crisis arises.',
      'Group email updates instead of meetings, to save time.',
      'Supervision led by a different supervisor each month, for variety.',
      'Regular, predictable, protected time with a consistent supervisor.',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: "A home visitor working with several families affected by violence reports intrusive images of a toddler's injuries, poor sleep and dread before visits. What is the best understanding and response?",
    options: [
      'These may be signs of secondary traumatic stress; they call for support, supervision and a look at caseload and self-care.',
      'These show that she is unsuited to the work and should leave the field.',
      'These are normal and need no attention if her paperwork is up to date.',
      'These mean she has become too attached to the toddler and should end the case.',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: "A supervisee never brings one particular family to supervision, though she visits them weekly. What is the supervisor's most helpful approach?",
    options: [
      'Insist that she present the family in detail at the next group meeting.',
      'Ignore it, since supervisees choose what to bring.',
      'Gently note the pattern and wonder with her what makes this family hard to talk about.',
      'Reassign the family without discussion.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'A mental health consultant to a preschool hears a teacher say that a 4-year-old "does it just to push my buttons." Which reflective question is most helpful?',
    options: [
      '"Have you tried a sticker chart?"',
      '"What do you imagine he might be feeling or needing when he does that?"',
      '"Why do you let him get to you?"',
      '"Should we ask the director to move him to another class?"',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'A clinician realizes she feels hopeless about a family whose 5-year-old has had three placements. In reflective practice, how might this hopelessness best be used?',
    options: [
      'As a reason to close the case, since progress seems unlikely.',
      'As a private matter that should not be mentioned at work.',
      'As proof that the family cannot change.',
      "As information that may echo the family's and the child's own experience, to be explored in supervision.",
    ],
    key: 3,
  },
  {
    ageBand: '3-6',
    stem: 'A Mentor providing reflective consultation to an early childhood program notices that staff meetings often turn into blaming parents. What is a reflective way to respond?',
    options: [
      "Invite staff to consider the parents' perspectives and their own reactions, within a safe, non-judging space.",
      'Tell staff that blaming parents is unprofessional and must stop at once.',
      "Remove the parents' names from all discussions.",
      'Cancel staff meetings until morale improves.',
    ],
    key: 0,
  },
  {
    ageBand: '3-6',
    stem: 'A practitioner from a different cultural background than a family finds herself disapproving of how the parents discipline their 4-year-old, though the child is safe. What reflects cultural humility?',
    options: [
      "Teach the parents the practitioner's own culture's approach as the correct one.",
      'Avoid discussing discipline so as not to offend the family.',
      'Examine her own assumptions, learn what the practice means to the family, and seek shared goals for the child.',
      'Refer the family to a practitioner of their own background.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'Which description best fits the idea of the supervisory relationship as a "holding environment"?',
    options: [
      'A strict structure that limits what the supervisee may discuss.',
      'A place where the supervisor shares personal problems with the supervisee.',
      'A setting where only clinical techniques are taught.',
      'A safe, reliable relationship that contains strong feelings so that the supervisee can think clearly.',
    ],
    key: 3,
  },
]);
