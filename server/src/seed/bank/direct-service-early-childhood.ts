import { inDomain } from './types.js';

/** Direct Service Skills, ages 3 up to 6. */
export const directServiceEarlyChildhoodItems = inDomain('direct-service-skills', [
  {
    ageBand: '3-6',
    stem: 'A 4-year-old who hits classmates is at risk of being asked to leave his preschool. Which first step best reflects an early childhood mental health approach?',
    options: [
      'Observe him across the day with his teachers to understand when, where and why the hitting happens.',
      'Recommend that he stay home until his behavior improves.',
      'Ask his parents to punish him at home every day that he hits at school.',
      'Request a medication evaluation before any other steps are taken.',
    ],
    key: 0,
  },
  {
    ageBand: '3-6',
    stem: 'A 5-year-old clings and sobs every morning during the first weeks of kindergarten. What guidance is most helpful for his parents?',
    options: [
      'Stay in the classroom each morning until he stops crying completely.',
      'Acknowledge his worry, use a short predictable goodbye, and tell him when they will be back.',
      'Tell him that big boys do not cry, so that he learns to manage on his own.',
      'Keep him home until he says he is ready to go to school.',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'A 3-year-old speaks freely at home but has not said a word at preschool in four months. Which response by the teachers is most appropriate?',
    options: [
      'Withhold snack until she asks for it out loud.',
      'Tell the class that she does not talk so that the other children stop asking her.',
      'Reduce pressure to speak, welcome nonverbal ways of joining in, and support a referral for evaluation.',
      'Wait for her to grow out of it, since this is a normal phase for shy children.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'In the child-led phase of a well-known parent-child interaction therapy for young children, what are parents coached to do?',
    options: [
      'Give clear commands and follow through with consequences when the child does not comply.',
      'Teach letters and numbers during play to build school readiness.',
      "Ask frequent questions to check the child's understanding of the game.",
      "Follow the child's lead with specific praise, reflections and descriptions, avoiding commands and questions.",
    ],
    key: 3,
  },
  {
    ageBand: '3-6',
    stem: 'In play therapy, a 4-year-old whose parents recently separated repeatedly puts the mother and father dolls in different houses and makes the child doll run between them. What is the most helpful response?',
    options: [
      "Reflect what the child doll might be feeling within the play, following the child's lead.",
      'Tell him that his parents separated because they stopped loving each other.',
      'Put the dolls back in one house to show him that families stay together.',
      'Stop the play and ask him which parent he would rather live with.',
    ],
    key: 0,
  },
  {
    ageBand: '3-6',
    stem: 'A preschool teacher reports that a 5-year-old repeatedly acts out explicit sexual acts with dolls and asks other children to undress. Which response is most appropriate?',
    options: [
      'Treat it as ordinary curiosity and tell the teacher not to worry.',
      'Take it seriously as possible exposure or abuse: gather careful observations, consult, and report if there is reasonable suspicion.',
      'Scold the child firmly so that he understands the behavior is shameful.',
      'Interview the child repeatedly until he explains where he learned it.',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'Parents describe their 4-year-old sitting up screaming an hour after falling asleep, not recognizing them, and remembering nothing in the morning. What guidance fits best?',
    options: [
      'Wake her fully each time so that she can tell them about the nightmare.',
      'Begin play therapy at once, because the episodes point to hidden trauma.',
      'Keep her safe without trying to wake her, keep a regular sleep routine, and avoid letting her get overtired.',
      'Let her sleep in the living room so that she associates her bedroom with safety.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'A 3-year-old who had been toilet trained starts having accidents soon after the birth of a sibling. What should the practitioner tell his parents?',
    options: [
      'Return him to diapers for good until he asks to use the toilet again.',
      'Have him clean up after each accident so that he learns the consequences.',
      'Ask the pediatrician to test him, since regression always has a medical cause.',
      'This is a common response to a big change; stay matter-of-fact about accidents and give him extra one-to-one time.',
    ],
    key: 3,
  },
  {
    ageBand: '3-6',
    stem: 'A 5-year-old who lived through a house fire startles at sirens, avoids the kitchen and has trouble sleeping. Which treatment approach is most appropriate?',
    options: [
      'A trauma-focused treatment that includes the caregiver, builds coping skills and helps the child tell the story at a level he can manage.',
      'Avoiding any talk about the fire until the symptoms fade on their own.',
      'Weekly individual sessions in which the child is not told why he is coming.',
      'Teaching the child to ignore the sirens and stay brave.',
    ],
    key: 0,
  },
  {
    ageBand: '3-6',
    stem: 'A 4-year-old hits his sister after losing a game. Which parental response is an example of emotion coaching?',
    options: [
      '"Stop being such a sore loser; it is just a game."',
      '"You are really angry you lost. Hitting is not okay. Let\'s figure out what you can do when you feel that mad."',
      '"Go to your room. We will not talk about this."',
      '"Fine, you can have another turn if you stop crying."',
    ],
    key: 1,
  },
  {
    ageBand: '3-6',
    stem: 'In evidence-based parenting programs for preschoolers with disruptive behavior, when is brief time-out usually introduced?',
    options: [
      'At the first session, before anything else, so that misbehavior stops quickly.',
      'Only for children older than 6, since preschoolers cannot understand it.',
      'After parents have built skills in positive attention and play, so that time-out contrasts with warm time-in.',
      'Never, because every form of time-out harms attachment.',
    ],
    key: 2,
  },
  {
    ageBand: '3-6',
    stem: 'A 4-year-old is described as very active and impulsive at home and at preschool. According to common pediatric guidance, what is the first-line treatment at this age?',
    options: [
      'Stimulant medication started before any other treatment.',
      'A special diet removing all sugar and food colorings.',
      'Waiting until school age, as nothing can be done before then.',
      'Parent training in behavior management, with classroom support where possible.',
    ],
    key: 3,
  },
  {
    ageBand: '3-6',
    stem: 'A 5-year-old living with her grandmother asks why her mother, who is in prison, cannot come home. What advice fits best for the grandmother?',
    options: [
      'Give a simple, honest explanation suited to her age, reassure her about who cares for her, and support safe contact if possible.',
      'Tell her that her mother is working far away, to protect her from shame.',
      'Avoid the question until she is a teenager.',
      'Tell her that her mother does not love her anymore, so that she stops hoping.',
    ],
    key: 0,
  },
  {
    ageBand: '3-6',
    stem: 'Parents of a 4-year-old describe bedtime as a two-hour battle of requests and negotiations. Which recommendation is most likely to help?',
    options: [
      'Let him stay up until he falls asleep on the couch.',
      'A consistent, calm routine with a picture schedule, a warm goodnight and a predictable response to getting up.',
      'Lock the bedroom door so that he cannot come out.',
      'Promise a new toy every night he goes to bed without protest.',
    ],
    key: 1,
  },
]);
