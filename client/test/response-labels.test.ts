import { describe, expect, it } from 'vitest';
import { savedAtText, snapshotReasonText } from '../src/features/responses/response-labels';

describe('savedAtText', () => {
  it("reads a saved time on the sitting's clock, to the second, with the zone named", () => {
    const at = '2026-11-22T15:04:05.000Z';
    const chicago = savedAtText(at, 'America/Chicago');
    expect(chicago).toMatch(/9:04:05/);
    expect(chicago).toMatch(/CST|GMT-6/);
    expect(savedAtText(at, 'Europe/Dublin')).toMatch(/15:04:05|3:04:05/);
  });
});

describe('snapshotReasonText', () => {
  it('names a version kept when a held late draft was accepted', () => {
    expect(snapshotReasonText('late-accepted')).toBe(
      'Arrived after time ran out; accepted by a proctor or coordinator',
    );
  });
});
