import { describe, expect, it } from 'vitest';
import type { ConnectionEvent } from '../../src/modules/delivery/index.js';
import {
  alertFor,
  backAfter,
  disconnectEndedBy,
} from '../../src/modules/proctoring/candidate-view.js';

/**
 * Issue 15 item 7: a disconnect and the connect that ends it make one alert line with how long
 * the candidate was away; a candidate still away says so; takeovers are not disconnections.
 */
const entry = { enrolmentId: '00000000-0000-4000-8000-000000000001', name: 'Casey' };
let nextId = 1;
const event = (
  type: 'connect' | 'disconnect',
  atSeconds: number,
  extra: Partial<ConnectionEvent> = {},
): ConnectionEvent => ({
  id: nextId++,
  attemptId: 'a1',
  type,
  at: new Date(atSeconds * 1000),
  takeover: false,
  takenOver: false,
  session: 's1',
  ...extra,
});

describe('pairing disconnects with reconnects', () => {
  const events = [
    event('connect', 0),
    event('disconnect', 60),
    event('connect', 125),
    // Another attempt's events in between never pair with this one's.
    event('connect', 130, { attemptId: 'a2' }),
    event('disconnect', 200),
    event('connect', 203),
    event('disconnect', 300),
  ];

  it('gives each disconnect the time the candidate was back, or null while away', () => {
    const lines = events.flatMap((e, index) => {
      const alert = alertFor(e, entry, 's1', backAfter(events, index));
      return alert ? [alert] : [];
    });
    expect(lines.map((a) => [a.kind, a.until, a.message])).toEqual([
      ['disconnect', 125_000, 'Casey lost their connection and was back after 1 min 5 s.'],
      ['disconnect', 203_000, 'Casey lost their connection and was back after 3 s.'],
      ['disconnect', null, 'Casey lost their connection.'],
    ]);
    expect(lines.every((a) => !a.acknowledged)).toBe(true);
  });

  it('finds the disconnect a connect ended, so its line is updated under the same id', () => {
    expect(disconnectEndedBy(events, 2)).toBe(1);
    expect(disconnectEndedBy(events, 5)).toBe(4);
    expect(disconnectEndedBy(events, 0)).toBeUndefined();
    // The other attempt's connect ended nothing of this one's.
    expect(disconnectEndedBy(events, 3)).toBeUndefined();
  });

  it('does not pair a takeover: the old socket closing is not a disconnection', () => {
    const takeover = [
      event('connect', 0),
      event('disconnect', 10, { takenOver: true }),
      event('connect', 10, { takeover: true }),
    ];
    expect(disconnectEndedBy(takeover, 2)).toBeUndefined();
    expect(alertFor(takeover[1]!, entry, 's1', backAfter(takeover, 1))).toBeUndefined();
  });
});
