import { describe, expect, it } from 'vitest';
import { accommodationDeltaMs, computeClock, noAccommodation } from '@exam/shared/domain';
import { ManualClock } from '../../src/lib/clock.js';
import { optionOrder, SHUFFLE_ALL } from '../../src/modules/delivery/option-order.js';
import { scorePartOne } from '../../src/modules/delivery/scoring.js';
import {
  accommodationSummary,
  accommodationsInForce,
  validUntilInstant,
} from '../../src/modules/sittings/accommodations.js';
import { checkCredential } from '../../src/modules/sittings/enrolment-rules.js';
import { partAccommodations } from '../../src/modules/sittings/seats.js';

const MIN = 60_000;

describe('enrolment rules', () => {
  it('seats a Specialist on the clinical variant of their own endorsement’s form', () => {
    expect(
      checkCredential({
        endorsement: 'ECMH-E',
        category: 'mental-health-specialist',
        track: null,
        examEndorsement: null,
      }),
    ).toEqual({ ok: true, examEndorsement: 'ECMH-E', variant: 'clinical' });
  });

  it('gives a Mentor the variant of their track, and an IECMH-E candidate the form named', () => {
    expect(
      checkCredential({
        endorsement: 'IECMH-E',
        category: 'mental-health-mentor',
        track: 'policy',
        examEndorsement: 'IMH-E',
      }),
    ).toEqual({ ok: true, examEndorsement: 'IMH-E', variant: 'policy' });
  });

  it('refuses each way an enrolment cannot sit, saying why', () => {
    const refused = (input: Parameters<typeof checkCredential>[0]) => {
      const check = checkCredential(input);
      return check.ok ? [] : check.errors;
    };
    expect(
      refused({
        endorsement: 'IMH-E',
        category: 'family-associate',
        track: null,
        examEndorsement: null,
      }),
    ).toEqual([
      'Family Associate does not sit the exam: only Mental Health Specialists and Mentors do.',
    ]);
    expect(
      refused({
        endorsement: 'IMH-E',
        category: 'mental-health-mentor',
        track: null,
        examEndorsement: null,
      }),
    ).toEqual(['A Mentor needs a track: clinical, policy or research-faculty.']);
    expect(
      refused({
        endorsement: 'IECMH-E',
        category: 'mental-health-specialist',
        track: 'clinical',
        examEndorsement: null,
      }),
    ).toEqual([
      'Specialists have no track; leave the track empty.',
      'IECMH-E candidates sit one form: name IMH-E or ECMH-E as the exam endorsement.',
    ]);
    expect(
      refused({
        endorsement: 'IMH-E',
        category: 'mental-health-specialist',
        track: null,
        examEndorsement: 'ECMH-E',
      }),
    ).toEqual(['An IMH-E candidate sits the IMH-E form, not ECMH-E.']);
  });
});

describe('accommodations on the profile', () => {
  const profile = {
    timeMultiplier: 1.5,
    extraMinutesPart1: 10,
    extraMinutesPart2: 0,
    breaks: true,
    largeText: false,
    highContrast: true,
    accommodationNotes: null,
    accommodationValidUntil: validUntilInstant('2026-06-30'),
  };

  it('hold through their last valid day, in UTC', () => {
    expect(profile.accommodationValidUntil?.toISOString()).toBe('2026-07-01T00:00:00.000Z');
    expect(accommodationsInForce(profile, new Date('2026-06-30T23:59:59.999Z'))).toBe(true);
    expect(accommodationsInForce(profile, new Date('2026-07-01T00:00:00.000Z'))).toBe(false);
    expect(accommodationsInForce({ ...profile, accommodationValidUntil: null }, new Date())).toBe(
      true,
    );
  });

  it('scale both parts while valid and none after', () => {
    const row = profile as unknown as Parameters<typeof partAccommodations>[0];
    expect(partAccommodations(row, new Date('2026-06-01T09:00:00Z'))).toEqual({
      1: { timeMultiplier: 1.5, extraMinutes: 10 },
      2: { timeMultiplier: 1.5, extraMinutes: 0 },
    });
    expect(partAccommodations(row, new Date('2026-07-02T09:00:00Z'))).toEqual({
      1: noAccommodation,
      2: noAccommodation,
    });
    expect(partAccommodations(undefined, new Date())).toEqual({
      1: noAccommodation,
      2: noAccommodation,
    });
  });

  it('read as one line on a roster', () => {
    expect(accommodationSummary(profile)).toBe(
      'time × 1.5; +10 min Part One; rest breaks; high contrast',
    );
    expect(
      accommodationSummary({
        ...profile,
        timeMultiplier: 1,
        extraMinutesPart1: 0,
        breaks: false,
        highContrast: false,
      }),
    ).toBeNull();
  });
});

describe('the part clock, worked through', () => {
  const t0 = Date.UTC(2026, 5, 1, 9, 0);

  it('derives the deadline from start, pause, resume and an extension', () => {
    // 90 minutes at time and a half plus 10 extra: 145 minutes allowed.
    const accommodation = { timeMultiplier: 1.5, extraMinutes: 10 };
    const events = [
      { type: 'start' as const, at: t0 },
      { type: 'pause' as const, at: t0 + 30 * MIN },
      { type: 'resume' as const, at: t0 + 40 * MIN },
      { type: 'extend' as const, at: t0 + 50 * MIN, ms: 5 * MIN },
    ];
    const clock = new ManualClock(new Date(t0 + 60 * MIN));
    const state = computeClock(events, 90 * MIN, accommodation, clock.now().getTime());
    // Used: 30 before the pause and 20 since the resume; allowed 145 + 5.
    expect(state).toEqual({
      status: 'running',
      allowedMs: 150 * MIN,
      usedMs: 50 * MIN,
      remainingMs: 100 * MIN,
      deadline: t0 + 160 * MIN,
    });
    // The deadline does not move while time passes; it moves only by recorded events.
    clock.advance(25 * MIN);
    expect(computeClock(events, 90 * MIN, accommodation, clock.now().getTime()).deadline).toBe(
      t0 + 160 * MIN,
    );
  });

  it('grants a new accommodation in full, and takes none back from a started part', () => {
    const half = { timeMultiplier: 1.5, extraMinutes: 0 };
    expect(accommodationDeltaMs(90 * MIN, noAccommodation, 0, half, true)).toBe(45 * MIN);
    expect(accommodationDeltaMs(90 * MIN, half, 0, noAccommodation, true)).toBe(0);
    expect(accommodationDeltaMs(90 * MIN, half, 0, noAccommodation, false)).toBe(-45 * MIN);
    // An earlier entry already granted it: nothing more.
    expect(accommodationDeltaMs(90 * MIN, noAccommodation, 45 * MIN, half, true)).toBe(0);
  });
});

describe('Part One scoring', () => {
  it('maps each displayed choice back through the candidate’s option order', () => {
    const seed = 424242;
    const order = optionOrder(seed, 1);
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
    expect(optionOrder(seed, 1)).toEqual(order);
    const items = [
      { position: 1, keyIndex: 2, domain: 'thinking' as const, ...SHUFFLE_ALL },
      { position: 2, keyIndex: 0, domain: 'thinking' as const, ...SHUFFLE_ALL },
      { position: 3, keyIndex: 1, domain: 'reflection' as const, ...SHUFFLE_ALL },
    ];
    const shownAt = (position: number, original: number) =>
      optionOrder(seed, position).indexOf(original);
    const choices = new Map<number, number | null>([
      [1, shownAt(1, 2)], // the key, wherever it was shown
      [2, shownAt(2, 3)], // a wrong option
      [3, null], // unanswered
    ]);
    expect(scorePartOne(items, choices, seed, 1)).toEqual({
      correct: 1,
      total: 3,
      cutScore: 1,
      passed: true,
      byDomain: { thinking: { correct: 1, total: 2 }, reflection: { correct: 0, total: 1 } },
    });
    expect(scorePartOne(items, choices, seed, 2).passed).toBe(false);
  });
});
