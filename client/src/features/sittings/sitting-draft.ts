import {
  sittingInputSchema,
  type SittingDetail,
  type SittingInput,
  type SittingPassingRule,
} from '@exam/shared/api';
import { schedulingGaps, variants, type SchedulingGap, type Variant } from '@exam/shared/domain';

/** The sitting form's state: what the inputs hold, as text where the inputs are text. */
export interface SittingDraft {
  name: string;
  applicationCycle: string;
  date: string;
  startTime: string;
  startWindowMinutes: string;
  timeZone: string;
  remote: boolean;
  location: string;
  part1Minutes: string;
  part2Minutes: string;
  formImh: string;
  formEcmh: string;
  vignetteSetIds: string[];
  proctorIds: string[];
  spellcheck: boolean;
  paste: 'allowed' | 'plain-text' | 'blocked';
  wordLimit: string;
  /** Per variant; both blank: the rubric's own rule. */
  passing: Record<Variant, { level: string; total: string }>;
  sebRequired: boolean;
  /** One key per line, as Safe Exam Browser shows them. */
  sebConfigKeys: string;
  sebBrowserExamKeys: string;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function emptyDraft(): SittingDraft {
  return {
    name: '',
    applicationCycle: '',
    date: '',
    startTime: '',
    startWindowMinutes: '60',
    timeZone: browserTimeZone(),
    remote: false,
    location: '',
    part1Minutes: '90',
    part2Minutes: '90',
    formImh: '',
    formEcmh: '',
    vignetteSetIds: [],
    proctorIds: [],
    spellcheck: false,
    paste: 'plain-text',
    wordLimit: '',
    sebRequired: false,
    sebConfigKeys: '',
    sebBrowserExamKeys: '',
    passing: {
      clinical: { level: '', total: '' },
      policy: { level: '', total: '' },
      'research-faculty': { level: '', total: '' },
    },
  };
}

export function draftOf(s: SittingDetail): SittingDraft {
  const rule = (v: Variant) => s.policies.partTwoPassingRule[v];
  const passing = Object.fromEntries(
    variants.map((v) => [
      v,
      {
        level: String(rule(v)?.minLevelPerCriterion ?? ''),
        total: String(rule(v)?.minTotalPerResponse ?? ''),
      },
    ]),
  ) as SittingDraft['passing'];
  return {
    name: s.name,
    applicationCycle: s.applicationCycle ?? '',
    date: s.date ?? '',
    startTime: s.startTime ?? '',
    startWindowMinutes: String(s.startWindowMinutes),
    timeZone: s.timeZone,
    remote: s.remote,
    location: s.location ?? '',
    part1Minutes: String(s.part1Minutes),
    part2Minutes: String(s.part2Minutes),
    formImh: s.forms['IMH-E'] ?? '',
    formEcmh: s.forms['ECMH-E'] ?? '',
    vignetteSetIds: s.vignetteSetIds,
    proctorIds: s.proctors.map((p) => p.id),
    spellcheck: s.policies.spellcheck,
    paste: s.policies.paste,
    wordLimit: s.policies.wordLimit === null ? '' : String(s.policies.wordLimit),
    passing,
    sebRequired: s.policies.seb.required,
    sebConfigKeys: s.policies.seb.configKeys.join('\n'),
    sebBrowserExamKeys: s.policies.seb.browserExamKeys.join('\n'),
  };
}

const fieldNames: Record<string, string> = {
  name: 'Name',
  applicationCycle: 'Application cycle',
  date: 'Date',
  startTime: 'Start time',
  startWindowMinutes: 'Start window',
  timeZone: 'Time zone',
  location: 'Location',
  part1Minutes: 'Part One minutes',
  part2Minutes: 'Part Two minutes',
  policies: 'Policies',
};

const keyLines = (text: string) =>
  text
    .split(/\s+/)
    .map((line) => line.trim())
    .filter(Boolean);

const numberOrNaN = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** What the draft still lacks before the sitting can be scheduled, by the server's own rule. */
export function draftSchedulingGaps(d: SittingDraft): SchedulingGap[] {
  return schedulingGaps({
    applicationCycle: d.applicationCycle || null,
    hasStart: d.date !== '' && d.startTime !== '',
    remote: d.remote,
    location: d.location,
  });
}

/**
 * The request the draft stands for, or the first problem in words a coordinator reads and the
 * top-level field it belongs to (so the form can say it beside that field too).
 */
export function inputOf(
  d: SittingDraft,
): { ok: true; input: SittingInput } | { ok: false; problem: string; field: string } {
  const partTwoPassingRule: Partial<Record<Variant, SittingPassingRule>> = {};
  for (const v of variants) {
    const { level, total } = d.passing[v];
    if (level.trim() === '' && total.trim() === '') continue;
    partTwoPassingRule[v] = {
      minLevelPerCriterion: numberOrNaN(level),
      minTotalPerResponse: numberOrNaN(total),
    };
  }
  const candidate = {
    name: d.name,
    applicationCycle: d.applicationCycle || null,
    date: d.date || null,
    startTime: d.startTime || null,
    startWindowMinutes: numberOrNaN(d.startWindowMinutes),
    timeZone: d.timeZone,
    remote: d.remote,
    location: d.remote ? null : d.location.trim() || null,
    part1Minutes: numberOrNaN(d.part1Minutes),
    part2Minutes: numberOrNaN(d.part2Minutes),
    forms: { 'IMH-E': d.formImh || null, 'ECMH-E': d.formEcmh || null },
    vignetteSetIds: d.vignetteSetIds,
    proctorIds: d.proctorIds,
    policies: {
      spellcheck: d.spellcheck,
      paste: d.paste,
      wordLimit: d.wordLimit.trim() === '' ? null : numberOrNaN(d.wordLimit),
      partTwoPassingRule,
      seb: {
        required: d.sebRequired,
        configKeys: keyLines(d.sebConfigKeys),
        browserExamKeys: keyLines(d.sebBrowserExamKeys),
      },
    },
  };
  const parsed = sittingInputSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, input: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path ?? [];
  const field = String(path[0] ?? '');
  const label =
    field === 'policies' && path[1] === 'partTwoPassingRule'
      ? `Passing rule (${String(path[2])})`
      : field === 'policies' && path[1] === 'wordLimit'
        ? 'Word limit'
        : field === 'policies' && path[1] === 'seb'
          ? 'Safe Exam Browser'
          : (fieldNames[field] ?? 'Form');
  const message =
    issue?.code === 'invalid_type' ? 'enter a number.' : (issue?.message ?? 'check this field.');
  return { ok: false, problem: `${label}: ${message}`, field };
}
