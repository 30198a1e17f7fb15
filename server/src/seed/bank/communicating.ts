import { inDomain } from './types.js';

/** Communicating: listening, speaking and writing. */
export const communicatingItems = inDomain('communicating', [
  {
    ageBand: 'prenatal',
    stem: 'A pregnant client asks whether the sadness she feels most days "is just hormones." How can the practitioner best explain perinatal depression?',
    options: [
      'Say it is hormonal and will pass after the birth.',
      'Use medical terms so that she takes the condition seriously.',
      'Tell her not to worry, since most women feel that way.',
      'Explain in plain words that it is common, treatable and not her fault, and describe where help is available.',
    ],
    key: 3,
  },
  {
    ageBand: 'prenatal',
    stem: 'A practitioner needs to ask a pregnant client about violence at home. Her partner attends every visit. What is the best approach?',
    options: [
      'Find a way to ask her privately, in a safe moment, using direct and caring questions.',
      'Ask the question with the partner present so that he knows services are watching.',
      'Skip the question until the partner stops attending.',
      'Ask the partner whether there is violence in the home.',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'A mother says, "I just can\'t get him to stop crying, nothing I do works." Which response is the best example of reflective listening?',
    options: [
      '"Have you tried swaddling him?"',
      '"It sounds exhausting to try so hard and still feel that nothing helps."',
      '"All babies cry; it will get better."',
      '"You need to relax, babies can sense stress."',
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: "A practitioner must tell parents that their 2-year-old's screen suggests a possible autism spectrum condition. Which approach is best?",
    options: [
      'Give the news quickly at the end of the visit so that it does not dominate the session.',
      'Send the results by mail with a referral form.',
      'Share the findings in a private, unhurried conversation, using plain language, inviting their questions and naming next steps.',
      'Avoid using the word "autism" so that they do not panic.',
    ],
    key: 2,
  },
  {
    ageBand: '0-3',
    stem: 'Which case note is written most appropriately?',
    options: [
      '"Mom was cold and rejecting as usual."',
      '"Baby clearly hates bath time because mom is rough."',
      '"Dysfunctional family; parenting is inadequate."',
      '"During the bath, the baby cried and arched; his mother said, \'He always does this,\' and finished quickly."',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: 'Which of these is an open-ended question?',
    options: [
      '"What is bedtime like at your house?"',
      '"Does she go to bed at 8?"',
      '"Is she sleeping well?"',
      '"Did you read to her tonight?"',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'When meeting an 18-month-old for the first time during a home visit, what is the best way for the practitioner to approach him?',
    options: [
      'Pick him up right away to show warmth.',
      'Stay at a distance and speak only to the parent for the whole visit.',
      'Get down to his level, greet him gently, and let him approach in his own time.',
      'Ask him direct questions to assess his language.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'A 4-year-old is upset after a classmate took his toy. Which adult response best helps him understand his feelings?',
    options: [
      '"Why are you crying about something so small?"',
      '"You\'re sad and mad that he took your truck. Let\'s go talk to him together."',
      '"Big boys share their toys."',
      '"If you stop crying, you can have a sticker."',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'Why are "why" questions, such as "Why did you hit her?", often unhelpful with preschool children?',
    options: [
      "Because preschoolers are not interested in adults' questions.",
      'Because such questions are culturally inappropriate everywhere.',
      'Because preschoolers always lie when asked why.',
      'Because young children often cannot yet explain their motives and may feel blamed rather than understood.',
    ],
    key: 3,
  },
  {
    ageBand: '3-6',
    stem: 'A clinician has made a report to child protective services about a 5-year-old. Telling the parent would not put the child at risk. What is usually the best practice?',
    options: [
      'Tell the parent honestly that a report was made and why, and stay available to the family.',
      'Keep the report secret so that the relationship is not damaged.',
      'Tell the parent that someone else made the report.',
      'End services immediately after making the report.',
    ],
    key: 0,
  },
  {
    ageBand: '3-6',
    stem: "A 4-year-old's mother is deploying with the military for nine months. How should the family talk with him about it?",
    options: [
      'Tell him the day she leaves, to avoid weeks of worry.',
      'Say she is going on a short trip.',
      'Explain simply and honestly ahead of time, use a calendar or other concrete tools, and plan ways to stay connected.',
      'Avoid the subject until he asks.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'A written report on a 5-year-old will be shared with his parents and his school. Which approach to writing it is best?',
    options: [
      'Use technical terms so that the report sounds authoritative.',
      'Use clear, respectful language that describes strengths as well as concerns, with recommendations readers can act on.',
      'Include every detail of the family history so that nothing is missed.',
      'Keep it to a diagnosis and nothing else.',
    ],
    key: 1,
  },
]);
