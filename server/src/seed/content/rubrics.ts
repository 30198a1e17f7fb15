import type { CompetencyDomain, Variant } from '@exam/shared/domain';

export type RubricScore = 1 | 2 | 3 | 4;

export interface RubricLevel {
  score: RubricScore;
  label: string;
  descriptor: string;
}

/** One scored line of a rubric, tied to the domain its score is reported under. */
export interface DemoRubricCriterion {
  id: string;
  title: string;
  domain: CompetencyDomain;
  levels: readonly [RubricLevel, RubricLevel, RubricLevel, RubricLevel];
}

/**
 * A suggested Part Two passing rule, applied to the final (agreed or adjudicated) scores of every
 * graded response: no criterion below `minLevelPerCriterion`, and each response's criterion
 * scores summing to at least `minTotalPerResponse`. Sittings may override it.
 */
export interface PassingRule {
  minLevelPerCriterion: number;
  minTotalPerResponse: number;
}

export interface DemoRubric {
  id: string;
  variant: Variant;
  version: number;
  title: string;
  criteria: readonly DemoRubricCriterion[];
  passingRule: PassingRule;
}

/** The same four labels on every criterion, so graders read levels the same way everywhere. */
export const rubricLevelLabels: Record<RubricScore, string> = {
  1: 'Beginning',
  2: 'Emerging',
  3: 'Proficient',
  4: 'Exemplary',
};

function criterion(
  id: string,
  title: string,
  domain: CompetencyDomain,
  descriptors: readonly [string, string, string, string],
): DemoRubricCriterion {
  const level = (score: RubricScore): RubricLevel => ({
    score,
    label: rubricLevelLabels[score],
    descriptor: descriptors[score - 1] ?? '',
  });
  return { id, title, domain, levels: [level(1), level(2), level(3), level(4)] };
}

/** Scores Specialist and Mentor-Clinical responses; "the family" is the supervisee for Mentors. */
export const clinicalRubric: DemoRubric = {
  id: 'clinical',
  variant: 'clinical',
  version: 1,
  title: 'Clinical vignette rubric',
  passingRule: { minLevelPerCriterion: 2, minTotalPerResponse: 8 },
  criteria: [
    criterion('clinical-reflection', 'Reflection: use of self and of supervision', 'reflection', [
      'Does not mention own feelings or reactions, or treats them as irrelevant to the work; supervision, if named, is a place to be told what to do.',
      'Names own feelings or reactions but does not connect them to the family or the work; refers to supervision only in general terms.',
      'Recognizes how own feelings, history or assumptions could shape the work, and describes using reflective supervision to understand them and to guide next steps.',
      "Uses own responses as information about the family's or supervisee's experience, recognizes parallel processes, and describes with curiosity and self-compassion how supervision would deepen the work.",
    ]),
    criterion(
      'clinical-thinking',
      'Thinking: observation, hypotheses and development',
      'thinking',
      [
        'Draws a single conclusion from little evidence, labels or blames a caregiver or child, or misreads behavior that is typical for the age.',
        'Describes behavior accurately but offers one explanation, with limited use of knowledge about development or relationships.',
        "Grounds several hypotheses in what was observed, links them to the child's age and caregiving relationships, and names what further information is needed.",
        "Holds several perspectives at once (the child's, each caregiver's, the system's), weighs them against observation and knowledge of development and risk, and explains how the hypotheses would guide the work and be revised by it.",
      ],
    ),
    criterion(
      'clinical-working-with-others',
      'Working with Others: partnership and collaboration',
      'working-with-others',
      [
        'Plans for the family rather than with them, or leaves out caregivers and providers who matter to the child.',
        'Involves the family and other providers mainly to give or collect information; differences of view are ignored or settled by taking a side.',
        "Describes a partnership with caregivers and collaboration with other providers, attending to culture, consent and each person's role.",
        "Builds relationships across differences of role, culture and view, keeps the child's relationships at the center of all collaboration, and anticipates how to share hard information and repair ruptures respectfully.",
      ],
    ),
  ],
};

/** Scores Mentor-Policy responses. */
export const policyRubric: DemoRubric = {
  id: 'policy',
  variant: 'policy',
  version: 1,
  title: 'Policy vignette rubric',
  passingRule: { minLevelPerCriterion: 2, minTotalPerResponse: 8 },
  criteria: [
    criterion(
      'policy-administration',
      'Administration: promoting IECMH principles within and across systems',
      'administration',
      [
        'Recommendations do not reflect infant and early childhood mental health principles, or stay at the level of general statements.',
        'Names relevant principles (relationship-based practice, reflective supervision, family voice) but proposes a plan that would be hard to fund, staff or carry out.',
        'Proposes concrete changes to policy, funding, staffing or contracts that embed those principles, with a workable plan for putting them in place.',
        'Designs changes that are both principled and workable: aligns funding, workforce support, data and accountability with relationship-based practice, anticipates unintended effects and plans for sustaining the change.',
      ],
    ),
    criterion('policy-systems', 'Systems Expertise: how the systems work', 'systems-expertise', [
      'Treats the problem as belonging to one agency or person, with little knowledge of how the systems involved work.',
      'Identifies the systems involved but not how their rules, incentives and constraints interact.',
      'Explains how mandates, funding streams, data and workforce conditions across systems shape the problem, and uses that understanding to target change.',
      "Analyzes the system as a whole, including inequities in who is served and how, and identifies leverage points, partners, and the effects on young children's relationships at each point.",
    ]),
    criterion(
      'policy-communicating',
      'Communicating: making the case and bringing people in',
      'communicating',
      [
        'Does not consider how the recommendations would be communicated, or to whom.',
        'Plans to inform stakeholders, but with one message for every audience and little room for their input.',
        'Tailors the case to decision makers, practitioners and families, and describes how each would be heard and involved.',
        "Communicates clearly and respectfully across audiences, translates the principles into each listener's priorities without distorting them, and builds genuine shared ownership, including with families.",
      ],
    ),
  ],
};

/** Scores Mentor-Research/Faculty responses, teaching and research scenarios alike. */
export const researchFacultyRubric: DemoRubric = {
  id: 'research-faculty',
  variant: 'research-faculty',
  version: 1,
  title: 'Research and faculty vignette rubric',
  passingRule: { minLevelPerCriterion: 2, minTotalPerResponse: 11 },
  criteria: [
    criterion(
      'research-faculty-research-evaluation',
      'Research & Evaluation: design, measurement and interpretation',
      'research-evaluation',
      [
        'Proposes a study, evaluation or assessment of learning that cannot answer the question, or overstates what findings show.',
        'Chooses a reasonable approach but overlooks important threats to validity, the fit of measures, or ethical concerns.',
        'Matches design and measures to the question and setting, addresses validity, ethics and cultural fit, and interprets findings within stated limitations.',
        'Weighs the trade-offs among rigor, feasibility, ethics and community trust explicitly, involves participants or students in shaping the work, and is precise about what is and is not known.',
      ],
    ),
    criterion(
      'research-faculty-theoretical-foundations',
      'Theoretical Foundations: theory and evidence applied',
      'theoretical-foundations',
      [
        'Uses theory inaccurately or not at all, for example judging attachment from one brief observation.',
        'Refers to relevant theory in general terms without applying it to the scenario.',
        'Applies relevant theory and evidence about development, relationships and culture accurately to the scenario.',
        'Integrates theory and evidence critically, including their limits and the populations they were developed with, to shape teaching or research decisions.',
      ],
    ),
    criterion(
      'research-faculty-communicating',
      'Communicating: teaching and sharing findings',
      'communicating',
      [
        'Communicates one way only, or presents content and findings without regard to the audience.',
        'Adapts to the audience somewhat, but leaves out uncomfortable content or does not invite dialogue.',
        'Communicates clearly and honestly with each audience (students, partners, funders, the public), including difficult or mixed results.',
        'Creates conditions for dialogue and learning, conveys uncertainty and unwelcome results with integrity, and protects participants and students while doing so.',
      ],
    ),
    criterion(
      'research-faculty-reflection',
      "Reflection: the educator's or researcher's own stance",
      'reflection',
      [
        'Does not consider own role, assumptions or reactions.',
        'Acknowledges own role or reactions without exploring their effect on students, partners or findings.',
        'Examines how own assumptions, position and reactions shape teaching or research, and describes how to address them.',
        'Uses reflection to model the relationship-based stance being taught or studied, attends to power and parallel process, and seeks consultation where own interests or outside pressures are involved.',
      ],
    ),
  ],
};

/** One rubric per variant: the demo seed stores these as version 1. */
export const demoRubrics: Record<Variant, DemoRubric> = {
  clinical: clinicalRubric,
  policy: policyRubric,
  'research-faculty': researchFacultyRubric,
};
