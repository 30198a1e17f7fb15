import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../src/db/client.js';
import { ManualClock } from '../src/lib/clock.js';
import type { DeliveryService } from '../src/modules/delivery/index.js';
import { createDashboardFeed, type FeedEvent } from '../src/modules/proctoring/dashboard-feed.js';
import type { AdmissionService, RoomPause } from '../src/modules/sittings/index.js';

/**
 * The room's pause on the dashboards, with the sitting's row played by a fake: what each read
 * returns, and when, is the test's to decide. (room-pause.test.ts and
 * room-pause-instances.test.ts prove the same on PostgreSQL, through the routes.)
 */
const SITTING = '00000000-0000-4000-8000-000000000009';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function feedWith(roomPause: AdmissionService['roomPause']) {
  const admission = {
    roomPause,
    roster: async () => [],
  } as unknown as AdmissionService;
  const feed = createDashboardFeed({
    db: {} as Db,
    clock: new ManualClock(0),
    delivery: {} as DeliveryService,
    admission,
    events: { publish: vi.fn() },
    log: vi.fn(),
  });
  const heard: FeedEvent[] = [];
  feed.subscribe(SITTING, (event) => heard.push(event));
  return { feed, heard };
}

const pause: RoomPause = { since: new Date(1_000), incidentId: null };
const rooms = (heard: FeedEvent[]) => heard.flatMap((e) => (e.kind === 'room' ? [e] : []));

describe("the room's pause on the dashboards", () => {
  it('rereads it after the bus missed events, as every row is reread', async () => {
    const { feed, heard } = feedWith(async () => pause);
    feed.resync();
    await vi.waitFor(() => expect(rooms(heard)).toHaveLength(1));
    expect(rooms(heard)[0]?.roomPause).toEqual({ since: 1_000, incident: null });
  });

  it('sends a pause and the resume right after it in that order, however the reads finish', async () => {
    const reads = [deferred<RoomPause | undefined>(), deferred<RoomPause | undefined>()];
    let calls = 0;
    const roomPause = vi.fn(() => reads[calls++]!.promise);
    const { feed, heard } = feedWith(roomPause);
    feed.roomChanged(SITTING); // the pause
    feed.roomChanged(SITTING); // the resume, before the first read came back
    // The second read waits for the first: begun together, it could finish first.
    await new Promise((resolve) => setImmediate(resolve));
    expect(roomPause).toHaveBeenCalledTimes(1);
    reads[0]!.resolve(pause);
    await vi.waitFor(() => expect(roomPause).toHaveBeenCalledTimes(2));
    reads[1]!.resolve(undefined);
    await vi.waitFor(() => expect(rooms(heard)).toHaveLength(2));
    expect(rooms(heard).map((e) => e.roomPause?.since ?? null)).toEqual([1_000, null]);
  });

  it('reads nothing for a sitting nobody here watches', () => {
    const roomPause = vi.fn(async () => pause);
    const { feed } = feedWith(roomPause);
    feed.roomChanged('00000000-0000-4000-8000-000000000001');
    expect(roomPause).not.toHaveBeenCalled();
  });
});
