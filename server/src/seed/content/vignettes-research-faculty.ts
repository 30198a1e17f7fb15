import type { DemoVignetteSet } from './vignettes.js';

/**
 * Vignettes for Mentor-Research/Faculty candidates: one on teaching, one on empirical research,
 * and one on communicating an evaluation's findings under pressure.
 */
export const researchFacultySet: DemoVignetteSet = {
  id: 'research-faculty-mentor',
  title: 'Research and faculty vignettes: teaching, research and evaluation',
  variant: 'research-faculty',
  endorsement: null,
  audience: 'mentor',
  requiredCount: 2,
  instructions:
    'Read all three vignettes and choose two to answer. Respond as a faculty member or researcher in infant and early childhood mental health. Address every prompt of the vignettes you choose.',
  vignettes: [
    {
      id: 'research-faculty-judging-the-mother-on-screen',
      title: 'Judging the mother on the screen',
      caseText: [
        'You teach a graduate seminar on infant mental health for students of social work, psychology and nursing. Today you show a short video, recorded with consent, of a mother and her 8-month-old during free play. The mother glances at her phone several times while the baby reaches toward her. Several students quickly call the mother "neglectful" and "cold," and one says the baby is "clearly insecurely attached." A student who is herself a young mother leaves the room.',
        "After class another student tells you privately that the discussion felt like an attack on mothers like her, and that she is thinking of dropping the course. You realize that you moved on quickly when the comments began because you were behind on the syllabus, and that this video has been part of your course for years without any discussion of how observations are made and interpreted. Next week's class covers assessment of the parent-infant relationship, and a graded observation assignment is due at the end of the term.",
      ],
      prompts: [
        'How would you address what happened, with the class and with the students who were affected?',
        'How would you redesign this part of the course so that students learn to observe, to hold more than one hypothesis, and to use attachment theory and research appropriately?',
        'How would you evaluate whether your changes help students learn?',
      ],
      domains: ['research-evaluation', 'theoretical-foundations', 'communicating', 'reflection'],
    },
    {
      id: 'research-faculty-an-evaluation-in-a-hurry',
      title: 'An evaluation in a hurry',
      caseText: [
        "A community agency runs a ten-week parent-toddler group in a neighborhood with high rates of poverty; most of the families speak Spanish at home. The agency's funder wants evidence of effectiveness within a year and asks you, a university researcher, to lead an evaluation. The program director suggests a randomized trial in which half of the families on the waiting list would receive the group and half would not. Staff are uneasy: they say families come to the group through trust built over many years, and that turning some away would damage it.",
        'The measures the funder prefers were developed with English-speaking, middle-income families and have not been validated in Spanish. Attendance records show that about a third of families stop coming after four sessions. A mother who completed the group tells you that what helped most was "not being judged," which none of the proposed measures would capture. The funder has offered to pay for a second year if the first report is "convincing," and the program director asks you privately whether the evaluation could be designed to make sure that it is.',
      ],
      prompts: [
        "What evaluation design would you propose, and why? Address the trade-offs among rigor, feasibility, ethics and the community's trust.",
        'How would you choose or adapt measures, and how would you involve staff and families in designing the evaluation and interpreting its results?',
        'How would you report the findings to the funder if they are mixed?',
      ],
      domains: ['research-evaluation', 'theoretical-foundations', 'communicating', 'reflection'],
    },
    {
      id: 'research-faculty-findings-no-one-wanted',
      title: 'Findings no one wanted',
      caseText: [
        'A statewide network of infant and early childhood programs asked you to evaluate whether adding monthly reflective supervision reduced staff turnover. Over two years you compared programs that adopted reflective supervision with programs that did not, combining personnel records with staff surveys and interviews. The network helped you recruit programs, and directors agreed to be interviewed on the understanding that their programs would not be identifiable.',
        'The results are mixed. Turnover did not differ between the two groups. Staff in programs with reflective supervision did report less emotional exhaustion and more confidence in working with families affected by trauma. Interviews suggested that the quality of supervision varied widely: in several programs the sessions were mostly used for administrative case review. Programs were not randomly assigned, and those that adopted reflective supervision served families with more risk factors.',
        "The network's director, who championed reflective supervision, asks you to lead your report with the survey results and leave out the turnover finding, because legislators vote on continued funding next month. A journalist has also asked you for an interview.",
      ],
      prompts: [
        'How would you interpret these findings, including their limitations? What would you conclude about reflective supervision and turnover?',
        "How would you respond to the director's request, and how would you communicate the results to legislators, to the programs and to the public?",
        'What further study would you propose?',
      ],
      domains: ['research-evaluation', 'theoretical-foundations', 'communicating', 'reflection'],
    },
  ],
};
