import { inDomain } from './types.js';

/** Direct Service Skills, pregnancy through age 3. */
export const directServiceInfancyItems = inDomain('direct-service-skills', [
  {
    ageBand: 'prenatal',
    stem: 'A home visitor meets a woman at 30 weeks of pregnancy who says she "does not really think about the baby yet" and changes the subject whenever the pregnancy comes up. Which response best supports her developing relationship with the baby?',
    options: [
      'Explain that mothers who do not bond before birth are at risk of attachment problems later.',
      'Wonder aloud with her about what the baby might be like and what being pregnant is like for her now.',
      'Refer her at once for a psychiatric evaluation because of her detachment from the pregnancy.',
      'Give her a handout on fetal development and move on to the planned agenda for the visit.',
    ],
    key: 1,
  },
  {
    ageBand: 'prenatal',
    stem: 'A pregnant 17-year-old says the baby "kicks me on purpose to make me mad." How is this remark most usefully understood?',
    options: [
      'As evidence that she is likely to harm the baby after birth, which must be reported.',
      'As a passing joke that needs no further attention from the practitioner.',
      'As a window into how she is beginning to imagine the baby, worth exploring with curiosity.',
      'As a sign of disordered thinking that calls for an urgent medication evaluation.',
    ],
    key: 2,
  },
  {
    ageBand: 'prenatal',
    stem: 'An expectant father asks what he can do before the birth to start getting to know the baby. Which suggestion best reflects what is known about fetal development?',
    options: [
      'Talk and sing to the baby: in the last trimester the fetus hears, and newborns prefer familiar voices.',
      'Wait until after the birth, since the fetus cannot perceive anything outside the womb.',
      "Play recorded classical music to the belly each day to raise the baby's later intelligence.",
      'Hold off until the baby smiles socially, because any earlier bond is only one-sided.',
    ],
    key: 0,
  },
  {
    ageBand: 'prenatal',
    stem: 'A woman pregnant again a year after a stillbirth has bought nothing for the new baby and says she "cannot let herself hope." Which approach is most appropriate?',
    options: [
      'Encourage her to prepare the nursery now so that she can attach to this baby.',
      'Reassure her that this pregnancy is different and that there is nothing to fear.',
      'Advise her not to talk about the earlier loss so that it does not affect this pregnancy.',
      'Make room for grief about the baby who died alongside her feelings about this one, at her pace.',
    ],
    key: 3,
  },
  {
    ageBand: 'prenatal',
    stem: 'A pregnant client scores above the cut-off on a depression screening questionnaire at 24 weeks. What is the most appropriate next step?',
    options: [
      'Tell her the questionnaire confirms major depression and that she will need antidepressants.',
      'Wait until after the birth, because symptoms that begin in pregnancy usually resolve on their own.',
      'Report to child protective services that the unborn child is at risk from her low mood.',
      'Discuss the result with her, ask about safety, and offer a warm referral for perinatal care.',
    ],
    key: 3,
  },
  {
    ageBand: 'prenatal',
    stem: 'A pregnant woman receiving medication treatment for opioid use disorder asks whether she should stop it to protect the baby. Which response reflects current practice?',
    options: [
      "Continuing treatment is generally advised; plan with her for the newborn's care, including possible withdrawal.",
      'She should taper off the medication at once, because any opioid exposure harms the fetus.',
      'Her baby will certainly have lifelong disabilities, so she should prepare for intensive services.',
      'No special planning is needed, since pregnancy does not change how the disorder is treated.',
    ],
    key: 0,
  },
  {
    ageBand: 'prenatal',
    stem: 'A pregnant woman staying in a family shelter has missed two appointments in a row. Which response is most consistent with relationship-based practice?',
    options: [
      'Close the case, since missed appointments show she is not ready to engage.',
      'Send a letter warning that a third missed appointment will end services.',
      'Reach out flexibly, for example meeting at the shelter, and ask what got in the way.',
      'Ask shelter staff to make sure that she attends the next appointment at the office.',
    ],
    key: 2,
  },
  {
    ageBand: 'prenatal',
    stem: 'A pregnant woman who was abused as a child becomes tearful describing the coming birth and says she is afraid of "losing control." Which response is best?',
    options: [
      'Tell her that labor is natural and that she should simply trust her body.',
      'Explore her fears and, if she wishes, help her tell her birth team what she needs about consent and touch.',
      'Advise her to ask for a planned cesarean so that she avoids labor altogether.',
      'Avoid the subject so that talking about it does not bring back her past trauma.',
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: 'A 4-month-old turns her head away and arches when her father plays face-to-face games. He says, "She doesn\'t like me." Which intervention is most helpful?',
    options: [
      'Explain that babies this young cannot yet tell one parent from the other.',
      'Suggest he play with her only when her mother is there to help.',
      'Watch her cues with him, noting that looking away can mean she needs a pause, not that she rejects him.',
      'Recommend that he make his play livelier so that it holds her attention longer.',
    ],
    key: 2,
  },
  {
    ageBand: '0-3',
    stem: 'The parents of a 9-month-old describe mealtimes as battles in which they hold his hands and keep spooning food in after he turns away. His growth is on track. What guidance best fits responsive feeding?',
    options: [
      'Keep offering food until he finishes the portion recommended for his age.',
      'Offer food calmly, follow his signs of hunger and fullness, and end the meal when he signals he is done.',
      'Replace solid meals with bottles until he is willing to eat without protest.',
      'Distract him with a screen during meals so that he eats without noticing.',
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: 'Parents of an 18-month-old ask the practitioner for "the right way" to get their toddler to sleep through the night. Which response is most consistent with an IECMH approach?',
    options: [
      'Recommend the single method that the research has shown works for every family.',
      'Tell them night waking at this age is a sign of insecure attachment.',
      'Advise them to let him cry until morning, whatever their own beliefs about it.',
      'Explore their beliefs, culture and circumstances, and help them find a safe approach that fits their family.',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: 'A 2-year-old throws himself to the floor screaming when told it is time to leave the park. His mother asks what to do. Which advice best supports his regulation?',
    options: [
      'Stay close and calm, name his feeling briefly, keep the limit, and comfort him as he settles.',
      'Leave him alone at once so that he learns tantrums do not get attention.',
      'Give in and stay longer so that the tantrum ends as quickly as possible.',
      'Explain at length why leaving is necessary until he agrees to go.',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'A mother says that when her 6-month-old cries she hears her own mother shouting at her, and she freezes. In infant-parent psychotherapy, what is the clinician most likely to do?',
    options: [
      'Teach her a fixed script to use every time the baby cries.',
      'Suggest that another adult respond to the baby whenever he cries.',
      'Help her link these past experiences to her present feelings, with the baby present, so she can respond to him as he is.',
      'Focus only on her childhood in sessions held without the baby, until her trauma is resolved.',
    ],
    key: 2,
  },
  {
    ageBand: '0-3',
    stem: 'A 30-month-old witnessed violence between his parents. He and his mother, who is now safe, are starting dyadic treatment. Which goal is central to that treatment?',
    options: [
      'Help the child forget the violence by avoiding any mention of it.',
      'Help mother and child make shared, age-appropriate meaning of what happened, and restore his sense of safety with her.',
      "Treat the child alone so that his mother's feelings do not interfere with his progress.",
      'Teach the child to keep himself safe during future episodes of violence.',
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: 'An 18-month-old\'s developmental screen shows a possible delay in communication. Her mother believes "she will talk when she is ready." What should the practitioner do next?',
    options: [
      'Agree to wait another year, because late talkers nearly always catch up.',
      'Tell the mother that her daughter has a language disorder.',
      'Repeat the same screen every week until the result improves.',
      'Share the result in plain language, listen to her view, and offer a referral to early intervention for evaluation.',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: 'A 16-month-old does not point to show things, rarely responds to his name, and no longer uses the few words he had. What is the most appropriate course?',
    options: [
      'Prompt referral for a developmental evaluation and to early intervention, without waiting for a diagnosis.',
      'Reassure the parents, since boys often develop more slowly than girls.',
      'Wait until he is 3, when a reliable diagnosis becomes possible.',
      'Recommend more screen time with educational programs to build his vocabulary.',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: 'In the NICU, the parents of a baby born at 29 weeks are afraid to touch her because she seems so fragile. How can the practitioner best support them?',
    options: [
      'Advise them to wait until discharge to hold her, to avoid overstimulating her.',
      'Help them read her cues of stress and calm, and encourage skin-to-skin holding when her team agrees.',
      'Reassure them that premature babies do not yet recognize their parents.',
      'Suggest they visit less often so that they do not become too attached before she is stable.',
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: 'The exhausted father of a 6-week-old says the crying "drives me over the edge." Which guidance is most important to give?',
    options: [
      'Crying at this age means the baby is in pain and should see a doctor every time.',
      'Picking a crying baby up will spoil him, so crying should be ignored.',
      'If he feels overwhelmed, he should put the baby down safely, step away briefly, and call someone for support.',
      'Firm rocking and bouncing soothe most babies and are always safe.',
    ],
    key: 2,
  },
  {
    ageBand: '0-3',
    stem: 'A 2-year-old in foster care is about to move to a new placement. Which plan best protects her emotional well-being?',
    options: [
      'Move her quickly and without warning so that she does not become upset beforehand.',
      'Avoid contact with the previous foster family so that she can settle more quickly.',
      'Pack only new clothes and toys so that she starts fresh in the new home.',
      'Prepare her in simple words, bring familiar objects and routines, and arrange contact with the people she knows.',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: 'A 14-month-old cries hard at child care drop-off, and his mother has begun slipping out while he is distracted. What does the practitioner recommend?',
    options: [
      'Keep slipping out, since he stops crying sooner when he does not see her leave.',
      'Use a short, predictable goodbye ritual and leave with a calm, confident message that she will return.',
      'Stay all day until he no longer cries at all when she leaves.',
      'Stop child care, because his crying shows that he is not attached to her.',
    ],
    key: 1,
  },
  {
    ageBand: '0-3',
    stem: "A mother with postpartum depression rarely looks at or talks to her 5-month-old, who has become quiet and withdrawn. Which plan best addresses the infant's needs?",
    options: [
      "Treat the mother's depression and also support mother-baby interaction, for example with video of moments of connection.",
      "Treat only the mother's depression, since the baby will recover once she feels better.",
      'Place the baby in full-time care with another adult until the depression lifts.',
      'Teach the mother a structured play routine and ask her to follow it daily.',
    ],
    key: 0,
  },
  {
    ageBand: '0-3',
    stem: "After a car accident, a 3-year-old keeps crashing his toy cars together and shouting. In child-parent sessions, what is the clinician's best stance toward this play?",
    options: [
      'Redirect him to calmer play, because repeating the accident will retraumatize him.',
      'Ask him directly to explain exactly what he remembers about the accident.',
      'Follow his lead, put the feelings in the play into words, and help the story reach safety and comfort.',
      'Remove the toy cars from the room so that he stops thinking about the crash.',
    ],
    key: 2,
  },
  {
    ageBand: '0-3',
    stem: 'A 2-year-old whose grandmother has died keeps asking when she is coming back. How should her parents answer?',
    options: [
      'Say that Grandma went on a long trip, so that the child is not frightened.',
      'Say that Grandma is sleeping now and will not wake up.',
      'Avoid the subject until she is old enough to understand death.',
      'Use simple, honest words, such as "Grandma died; her body stopped working and she cannot come back," and comfort her.',
    ],
    key: 3,
  },
  {
    ageBand: '0-3',
    stem: 'During a home visit the practitioner sees a 2-month-old asleep on a couch beside her sleeping father. What is the best response?',
    options: [
      'Report the family to child protective services for neglect.',
      'Say nothing, since raising it could harm the relationship with the family.',
      "Ask about the family's sleep arrangements and share safe sleep guidance respectfully, problem-solving barriers together.",
      'Tell the father that he must never sleep in the same room as his daughter.',
    ],
    key: 2,
  },
]);
