import { describe, expect, it } from 'vitest';
import { listSchedulingGaps, schedulingGaps } from '../src/domain/sitting-scheduling.js';

/** The one rule the server's Schedule and the coordinator's form both apply. */
describe('schedulingGaps', () => {
  const complete = {
    applicationCycle: '2027-Q3',
    hasStart: true,
    remote: false,
    location: 'Room 2',
  };

  it('finds nothing missing in a complete in-person sitting', () => {
    expect(schedulingGaps(complete)).toEqual([]);
  });

  it('needs no location for a remote sitting', () => {
    expect(schedulingGaps({ ...complete, remote: true, location: null })).toEqual([]);
  });

  it('names each missing fact against its field, a blank location included', () => {
    const gaps = schedulingGaps({
      applicationCycle: null,
      hasStart: false,
      remote: false,
      location: '  ',
    });
    expect(gaps.map((g) => g.field)).toEqual(['applicationCycle', 'start', 'location']);
    expect(listSchedulingGaps(gaps)).toBe(
      'the application cycle, the date and start time, a location (or mark it remote)',
    );
  });
});
