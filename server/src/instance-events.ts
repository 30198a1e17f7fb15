import type { EventBus } from './events/event-bus.js';
import type { AttemptChange, DeliveryService } from './modules/delivery/index.js';
import type { DashboardFeed, FeedEvent } from './modules/proctoring/index.js';
import type { SocketRegistry } from './ws/socket-registry.js';

/**
 * Where the event bus meets this instance: an attempt changed on another instance is reread
 * (its cached context refreshed, so no clock decision here uses the old one) and its screen
 * told; every instance's saves, connections and proctor actions reach the dashboards watched
 * here; after missed events, everything shown here is reread from the tables. Revocations and
 * takeovers reach the socket registry through `registryEvents`.
 */
export function wireInstanceEvents(deps: {
  bus: EventBus;
  sockets: SocketRegistry<AttemptChange, FeedEvent>;
  delivery: Pick<DeliveryService, 'resync'>;
  feed: Pick<
    DashboardFeed,
    | 'activity'
    | 'attemptChanged'
    | 'enrolmentChanged'
    | 'incidentRecorded'
    | 'checkInChanged'
    | 'roomChanged'
    | 'integrityElsewhere'
    | 'acknowledgedElsewhere'
    | 'resync'
  >;
  log: (message: string, details?: Record<string, unknown>) => void;
}): () => void {
  const { bus, sockets, delivery, feed } = deps;

  async function reread(attemptId: string, afterGap = false): Promise<void> {
    const changes = await delivery.resync(attemptId, afterGap);
    for (const change of changes) sockets.pushToAttempt(attemptId, change);
    feed.attemptChanged(attemptId);
  }
  const failed = (error: unknown) => deps.log('event delivery failed', { error: String(error) });

  const unsubscribe = bus.subscribe((event, origin) => {
    switch (event.kind) {
      case 'attempt':
        // This instance's own changes already reached its sockets with the change itself.
        if (origin === 'remote') reread(event.attemptId).catch(failed);
        else feed.attemptChanged(event.attemptId);
        return;
      case 'activity':
        feed.activity(event.attemptId, event.eventId);
        return;
      case 'enrolment':
        if (origin === 'remote') feed.enrolmentChanged(event.sittingId, event.enrolmentId);
        return;
      case 'incident':
        if (origin === 'remote') feed.incidentRecorded(event.sittingId, event.incidentId);
        return;
      case 'check-in':
        if (origin === 'remote') feed.checkInChanged(event.sittingId, event.enrolmentId);
        return;
      case 'integrity':
        if (origin === 'remote')
          feed.integrityElsewhere(event.sittingId, event.candidateId, event.at, event.reason);
        return;
      case 'acknowledged':
        if (origin === 'remote') feed.acknowledgedElsewhere(event.sittingId);
        return;
      case 'room':
        if (origin === 'remote') feed.roomChanged(event.sittingId);
        return;
      case 'access':
        // Wherever the change was made, this instance's dashboards check their access now.
        sockets.recheck('proctor');
        return;
      case 'session':
      case 'claim':
        return; // the registry listens for these itself (registryEvents)
    }
  });
  const unresync = bus.onResync(() => {
    for (const attemptId of sockets.heldAttempts()) reread(attemptId, true).catch(failed);
    feed.resync();
  });
  return () => {
    unsubscribe();
    unresync();
  };
}

/**
 * The registry's view of the bus: revocations from anywhere, takeovers from elsewhere, and gaps
 * after which it claims its attempts again.
 */
export function registryEvents(bus: EventBus) {
  return {
    onSessionRevoked: (listener: (sessionId: string) => void) =>
      bus.subscribe((event) => {
        if (event.kind === 'session') listener(event.sessionId);
      }),
    onClaimedElsewhere: (listener: (attemptId: string, at: number) => void) =>
      bus.subscribe((event, origin) => {
        if (event.kind === 'claim' && origin === 'remote') listener(event.attemptId, event.at);
      }),
    announceClaim: (attemptId: string, at: number) => bus.publish({ kind: 'claim', attemptId, at }),
    onMissedEvents: (listener: () => void) => bus.onResync(listener),
  };
}
