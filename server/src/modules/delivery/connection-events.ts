import type { Db } from '../../db/client.js';
import * as deliveryRepo from './delivery.repo.js';
import { createGroupCommit, type GroupCommit } from '../../lib/group-commit.js';

export interface ConnectionEvent {
  attemptId: string;
  type: 'connect' | 'disconnect';
  at: Date;
  details: Record<string, unknown>;
}

/**
 * The attempt's connect and disconnect entries, group-committed (lib/group-commit.ts): when a
 * sitting opens, every candidate connects within seconds, and one commit per connection was
 * one of the inserts the start-spike profile found made one by one. Resolves to the event's id
 * once its batch has committed, as the single insert did.
 */
export function createConnectionEvents(db: Db): GroupCommit<ConnectionEvent, number> {
  return createGroupCommit({
    name: 'connection-events',
    // One commit at a time: the events that arrive while it runs go together in the next.
    maxInFlight: 1,
    lingerMs: 20,
    lingerAbovePerSecond: 100,
    commit: (batch) => deliveryRepo.insertAttemptEvents(db, batch),
  });
}
