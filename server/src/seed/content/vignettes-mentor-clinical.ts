import type { DemoVignetteSet } from './vignettes.js';

/** Clinical vignettes for Mentor-Clinical candidates, answered as the reflective supervisor. */
export const mentorClinicalSet: DemoVignetteSet = {
  id: 'clinical-mentor-supervisor',
  title: 'Clinical vignettes: reflective supervision',
  variant: 'clinical',
  endorsement: null,
  audience: 'mentor',
  requiredCount: 2,
  instructions:
    "Read all three vignettes and choose two to answer. Respond as the reflective supervisor: attend to the supervisee's experience, the family's and your own. Address every prompt of the vignettes you choose.",
  vignettes: [
    {
      id: 'mentor-clinical-supervision-keeps-being-cancelled',
      title: 'Supervision keeps being cancelled',
      caseText: [
        'You provide weekly individual reflective supervision to Keisha, a home visitor with two years of experience in an infant mental health program. Over the past month she has cancelled three of four sessions, each time because of a family in crisis. When you do meet, she runs quickly through a list of cases and says that everything is "under control."',
        'Today she arrives late and mentions, almost in passing, that a mother on her caseload, who has a 6-month-old and a 3-year-old, told her last week that her partner had pushed her against a wall. Keisha says she gave the mother a hotline number and has not written it up yet, because "she begged me not to tell anyone and I can\'t lose her." Keisha\'s voice shakes. She adds that she has not been sleeping well, and that her own childhood home "was like that house."',
        'You feel a rush of concern for the children and for Keisha, and some frustration that you are hearing about this a week later.',
      ],
      prompts: [
        'What might be happening for Keisha, for the family, and in the relationship between you and Keisha? Consider possible parallel processes.',
        "How would you respond in this session, balancing the children's safety, your agency's policies and reporting duties, and your reflective relationship with Keisha?",
        'What would you attend to in yourself, and what support might you seek?',
      ],
      domains: ['reflection', 'thinking', 'working-with-others'],
    },
    {
      id: 'mentor-clinical-us-and-them',
      title: 'Us and them',
      caseText: [
        'You supervise a small team of early childhood mental health consultants who serve Head Start and community child care programs. In group reflective supervision, Tomás describes a classroom where the teachers sent a 4-year-old home twice in one week. "They just don\'t like this kid," he says. "They talk about him like a problem to get rid of. Honestly, they shouldn\'t be working with children." Two other consultants nod and begin to share similar stories from other centers.',
        'You notice that the energy in the room rises with each story, and that the teachers are now being described in much the way the teachers described the child. Lin, the newest consultant, has not said a word. You also know that the director of the center Tomás serves has complained to your manager that consultants "come in, judge us, and leave."',
        'Later that week Lin asks to meet with you alone. She says she stayed quiet because she was a preschool teacher herself for six years, and that listening to the group made her feel ashamed of where she came from.',
      ],
      prompts: [
        'What might be happening in this group, and what parallels do you notice among the group, the consultants and the classrooms?',
        "How would you respond in the moment, and how would you help the consultants hold both the child's and the teachers' experiences?",
        "How would you approach the director's concern?",
      ],
      domains: ['reflection', 'thinking', 'working-with-others'],
    },
    {
      id: 'mentor-clinical-a-family-she-knows',
      title: 'A family she knows',
      caseText: [
        'Grace, a clinician you have supervised for a year, is skilled and well liked by families. She is the only clinician on your team who shares the language and culture of a growing refugee community in your city, and many families ask for her by name. In supervision she mentions that a new referral, a mother struggling to feed her 2-month-old twins, belongs to the same small congregation as Grace\'s family. Grace says it will be fine: "In our community, this is how help works. If I say no, she will have no one."',
        'Later in the session Grace says she has been answering families\' texts late at night and at weekends, and that last week she brought groceries to one family. She asks you not to "make a big deal" of it, and says the agency\'s rules about boundaries were written for a different culture.',
        'You feel uncertain. You do not want to impose rules that do not fit; you are worried about how tired Grace seems; and you are aware that you do not know this community well.',
      ],
      prompts: [
        "Whose perspectives do you need to hold here? Consider Grace's, the families', the agency's and your own.",
        "How would you explore this with Grace in a way that respects her knowledge and culture while attending to the families' well-being and her own?",
        'What, if anything, would you take beyond supervision, and how?',
      ],
      domains: ['reflection', 'thinking', 'working-with-others'],
    },
  ],
};
