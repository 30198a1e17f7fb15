import type { DemoVignetteSet } from './vignettes.js';

const specialistInstructions =
  'Read all three vignettes and choose two to answer. Respond as the infant or early childhood mental health specialist working with this family. Address every prompt of the vignettes you choose; there is no single right answer.';

/** Clinical vignettes for IMH-E Specialists: pregnancy through 36 months. */
export const imhClinicalSet: DemoVignetteSet = {
  id: 'clinical-imh-specialist',
  title: 'Clinical vignettes: pregnancy, infancy and toddlerhood',
  variant: 'clinical',
  endorsement: 'IMH-E',
  audience: 'specialist',
  requiredCount: 2,
  instructions: specialistInstructions,
  vignettes: [
    {
      id: 'imh-baby-who-looks-away',
      title: 'A baby who looks away',
      caseText: [
        'You are making weekly home visits to Dana, who is 19, and her son Marcus, now 14 weeks old. Dana lives with her mother, who asked for the referral after the pediatrician noted that Marcus had dropped from the 50th to the 15th percentile for weight. At the first two visits Dana answered questions politely but briefly, and held Marcus facing away from her on her lap.',
        'Today Dana is feeding Marcus when you arrive. She props the bottle against a rolled blanket and scrolls on her phone. When Marcus pauses and fusses, she says, without looking at him, "He does that to make me mad. He\'s fine with my mom." When she finally lifts him, Marcus turns his head away, arches, and then goes still, gazing at the ceiling fan. From the kitchen, Dana\'s mother calls out that Dana "never listens" and that she raised four children without anyone\'s help.',
        "As you leave, Dana says quietly that she has not been sleeping and that some days she does not want to get out of bed. Driving away, you notice that you feel protective of Marcus, irritated with Dana's mother, and strangely reluctant to have ended the visit.",
      ],
      prompts: [
        'What might Marcus be communicating through his behavior, and what might Dana be experiencing as his mother? Offer more than one possible explanation for each.',
        "How would you use your next visits to support the relationship between Dana and Marcus? Include how you would involve Dana's mother and other providers.",
        'How would you use your own feelings and reflective supervision in this work?',
      ],
      domains: ['reflection', 'thinking', 'working-with-others'],
    },
    {
      id: 'imh-expecting-after-loss',
      title: 'Expecting again after a loss',
      caseText: [
        'You have been meeting with Priya, 33, and her husband Arun since early in Priya\'s second pregnancy. Eighteen months ago their first daughter was stillborn at 37 weeks. Priya is now 29 weeks pregnant. The obstetric team describes the pregnancy as healthy; they referred the couple because Priya has missed two prenatal appointments and told a nurse she "can\'t stand hearing the heartbeat monitor."',
        'At today\'s visit Arun says he has put together a crib, but Priya asked him to keep it in the garage. He wants to choose a name; she changes the subject whenever he raises it. Priya tells you she does not talk to the baby and tries not to notice it moving. "If I don\'t get attached, it won\'t hurt as much," she says. Arun turns to you: "Can you tell her this isn\'t normal?" Priya begins to cry and says that nobody mentions their first daughter anymore, not even her own mother.',
        "You realize that you, too, have avoided saying the first baby's name, and that you feel a strong pull to reassure Priya that everything will be fine this time.",
      ],
      prompts: [
        "What might Priya's and Arun's different ways of coping tell you about each of them, and about their relationship with the baby they are expecting?",
        "How would you respond to Arun's request, and how would you hold both parents' experiences, and the memory of their first daughter, in the work?",
        'Which other providers would you want to work with, and how would you raise this with the couple?',
      ],
      domains: ['reflection', 'thinking', 'working-with-others'],
    },
    {
      id: 'imh-after-the-visits',
      title: 'After the visits',
      caseText: [
        "Jayden, 22 months old, has lived with his foster mother, Ms. Reyes, for four months, since he was removed from his father's care because of neglect. His father, Terrell, comes to supervised visits twice a week at the child welfare office and has finished a parenting class. The court's goal is reunification. You provide child-parent sessions for Jayden and Ms. Reyes and have been asked to observe one visit with his father.",
        'Ms. Reyes tells you that after every visit Jayden screams in his car seat, refuses dinner and wakes in the night. "These visits are hurting him," she says. "I\'m going to tell the caseworker they should stop." At the visit you observe, Jayden waits by the door, then runs to his father and buries his face in his neck. Terrell has brought a toy truck, and they push it back and forth, laughing. When the caseworker says it is time to go, Jayden clings to his father, who says "Be a big boy, don\'t cry," hands him over quickly and looks away.',
        'The caseworker asks for your opinion before the next court hearing, three weeks from now.',
      ],
      prompts: [
        "What might Jayden's behavior before, during and after the visits mean? Consider his age and his relationships with both caregivers.",
        'How would you work with Ms. Reyes, Terrell and the caseworker so that each of his relationships is supported? What would you say about the visits, and to whom?',
      ],
      domains: ['thinking', 'working-with-others', 'reflection'],
    },
  ],
};

/** Clinical vignettes for ECMH-E Specialists: children from 3 up to 6 years. */
export const ecmhClinicalSet: DemoVignetteSet = {
  id: 'clinical-ecmh-specialist',
  title: 'Clinical vignettes: early childhood',
  variant: 'clinical',
  endorsement: 'ECMH-E',
  audience: 'specialist',
  requiredCount: 2,
  instructions: specialistInstructions,
  vignettes: [
    {
      id: 'ecmh-at-risk-of-losing-his-place',
      title: 'At risk of losing his place',
      caseText: [
        'You are a mental health consultant to a child care center. The director asks you to observe Mateo, who is 4 and joined the preschool room six weeks ago. In the past two weeks he has bitten two children and thrown a chair. His lead teacher, Ms. Hill, says she has "tried everything" and that other parents are complaining; the director says that if nothing changes by the end of the month, Mateo will have to leave.',
        "During your observation Mateo builds calmly with blocks beside another child. When Ms. Hill flicks the lights for clean-up, he freezes, knocks the tower down and runs under a table. Ms. Hill raises her voice, tells him he will lose outdoor time and reaches under the table to pull him out. He kicks at her. At pick-up, Mateo's mother, Ana, arrives in her work uniform, apologizes to the teacher several times, and tells you quietly that they moved into a family shelter after leaving Mateo's father. She starts night shifts at a warehouse next week.",
        'Afterwards Ms. Hill says to you, "I don\'t need more theory. I need him out, or I need help today."',
      ],
      prompts: [
        "What hypotheses do you hold about Mateo's behavior, and what further observation or information would help you test them?",
        'How would you support Ms. Hill, the director and Ana so that Mateo can stay? Describe what you would do in the next week and over the next month.',
        'What feelings might this situation stir in you, and how would you attend to them?',
      ],
      domains: ['thinking', 'working-with-others', 'reflection'],
    },
    {
      id: 'ecmh-quiet-since-her-grandmother-died',
      title: 'Quiet since her grandmother died',
      caseText: [
        'Amara is 5 and in her last year of preschool. Her grandmother, who lived with the family and cared for Amara after school, died suddenly three months ago. At home Amara talks, though less than before, and she has started wetting the bed again. At preschool she has not spoken since she came back after the funeral. She follows the routines, draws the same house with a closed door again and again, and stays close to her teacher at rest time.',
        'Her parents have asked for your help. Her father, Kwame, believes Amara should be told little about death and encouraged to "move on"; he has not cried in front of her. Her mother, Efua, wants to take Amara to the grave every week and speaks of her own mother often. The parents begin to argue in front of you, then both turn and ask you to say who is right. Meanwhile the preschool wants to refer Amara for a speech and language evaluation before kindergarten registration. When you meet Amara, she watches you closely and holds a small scarf that belonged to her grandmother; she will not let her mother put it in the wash.',
      ],
      prompts: [
        'How might Amara be understanding and expressing her loss, given her age and development?',
        "How would you respond when the parents ask you to decide who is right? How would you work with both of them, with attention to the family's beliefs and to each parent's own grief?",
        'How would you work with the preschool on the referral and on supporting Amara in the classroom?',
      ],
      domains: ['thinking', 'working-with-others', 'reflection'],
    },
    {
      id: 'ecmh-when-he-laughs-at-her-tears',
      title: 'When he laughs at her tears',
      caseText: [
        "You see Rosa, who is three and a half, and her father, Daniel, for weekly child-parent sessions. Daniel became Rosa's only caregiver a year ago, when her mother moved out of state. Rosa's pediatrician referred them after Daniel said he \"can't handle her meltdowns.\" Daniel is devoted to Rosa: he arrives early to every session and brings the snacks she likes. He works long hours as an electrician and relies on a neighbor to collect Rosa from preschool.",
        'In today\'s session Rosa builds a tower; it falls, and she begins to cry. Daniel laughs and says, "Look at that face, crybaby." Rosa cries harder and throws a block toward him. Daniel\'s face hardens and he tells her that this is why her mom left. Rosa goes very quiet and begins lining up the blocks, carefully, one by one. A few minutes later Daniel tells you that his own father used to say much worse, "and I turned out fine."',
        'You notice a surge of anger toward Daniel and a wish to protect Rosa, and you realize that you said nothing in the moment.',
      ],
      prompts: [
        "What might be happening for Rosa and for Daniel in this moment, and how might Daniel's own history be present in the room?",
        'How would you address what happened, with Daniel and with Rosa, in a way that keeps your relationship with Daniel strong enough to continue the work?',
        'How would you use reflective supervision to understand your own reaction?',
      ],
      domains: ['reflection', 'thinking', 'working-with-others'],
    },
  ],
};
