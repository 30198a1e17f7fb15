import type { PartTwoState, Question } from '@exam/shared/protocol';

/**
 * Practice content. It is about using the exam screens, never about infant and early childhood
 * mental health, so it cannot leak or stand in for a real item; it lives only in the browser.
 */
export const practiceQuestions: Question[] = [
  {
    position: 1,
    stem: 'Practice question 1: You want to come back to a question later. What do you do?',
    options: [
      'Tick "Flag for review"; it shows in the navigator and in the review',
      'Leave the exam and open it again',
      'Write the question number on your hand',
      'Nothing: you cannot come back to a question',
    ],
  },
  {
    position: 2,
    stem: 'Practice question 2: The save indicator says "No answers yet" until your first answer is stored. When is an answer safely stored?',
    options: [
      'As soon as you click it, even when offline',
      'When the save indicator says "All answers saved"',
      'Only when you submit the part',
      'When the proctor says so',
    ],
  },
  {
    position: 3,
    stem: 'Practice question 3: Whose clock decides when a part ends?',
    options: [
      "Your computer's clock",
      "The proctor's watch",
      "The server's clock; your screen corrects for any difference",
      'There is no time limit',
    ],
  },
];

export const practicePartTwo: PartTwoState = {
  title: 'Practice vignette',
  instructions:
    'In the exam you are shown three vignettes and answer two of them. Here there is one: choose it, then try the editor. Nothing you write here is kept or scored.',
  requiredCount: 1,
  vignettes: [
    {
      position: 1,
      title: 'Trying the editor',
      caseText: [
        'This is where a vignette describes a situation. In the exam it is a few paragraphs long; read it as often as you like, your response stays beside it.',
        'Your response is saved as you type, and the save indicator at the top says when everything is stored: "All answers saved". Until the first thing you do is stored it says "Nothing saved yet".',
      ],
      prompts: [
        'Write two or three sentences about how you plan to use your time in Part Two.',
        'Try bold, a bulleted list and undo from the toolbar or the keyboard.',
      ],
    },
  ],
  responses: [],
  chosen: [],
  choiceRevision: 0,
  policies: { spellcheck: true, paste: 'plain-text', wordLimit: 200 },
};

/** Short practice clocks: enough to try everything, short enough not to tire anyone. */
export const PRACTICE_PART_MS = { 1: 5 * 60_000, 2: 10 * 60_000 } as const;
