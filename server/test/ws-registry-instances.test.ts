import { describe, expect, it } from 'vitest';
import { SocketRegistry } from '../src/ws/socket-registry.js';
import { FakeSocket } from './helpers/fake-socket.js';

/**
 * Two instances' registries joined by a bus that can lose what one of them should have heard
 * (its LISTEN connection was away), the way the PostgreSQL bus can before it reconnects.
 */
function twoInstances() {
  const names = ['a', 'b'] as const;
  type Name = (typeof names)[number];
  const claimListeners = new Map<Name, (attemptId: string, at: number) => void>();
  const missedListeners = new Map<Name, () => void>();
  const deaf = new Set<Name>();
  const takenElsewhere = new Map<Name, string[]>(names.map((name) => [name, []]));
  const registries = new Map<Name, SocketRegistry<string, string>>();
  for (const name of names) {
    const sockets = new SocketRegistry<string, string>({
      liveTokens: (tokens) => Promise.resolve(new Set(tokens)),
      events: {
        onSessionRevoked: () => () => undefined,
        onClaimedElsewhere: (listener) => {
          claimListeners.set(name, listener);
          return () => claimListeners.delete(name);
        },
        announceClaim: (attemptId, at) => {
          for (const other of names)
            if (other !== name && !deaf.has(other)) claimListeners.get(other)?.(attemptId, at);
        },
        onMissedEvents: (listener) => {
          missedListeners.set(name, listener);
          return () => missedListeners.delete(name);
        },
      },
    });
    sockets.defineKind('exam', { perSession: 1, perUser: 3 });
    sockets.onTakenElsewhere((_socket, attemptId) => takenElsewhere.get(name)!.push(attemptId));
    sockets.start();
    registries.set(name, sockets);
  }
  return {
    a: registries.get('a')!,
    b: registries.get('b')!,
    deaf,
    takenElsewhere,
    /** `name`'s bus came back after a gap: it tells its listeners events may have been missed. */
    reconnect(name: Name) {
      deaf.delete(name);
      missedListeners.get(name)?.();
    },
    stop: () => registries.forEach((sockets) => sockets.stop()),
  };
}

describe('socket registry: one socket per attempt across instances', () => {
  it('a claim on another instance displaces the holder there, which reports it for the audit', () => {
    const { a, b, takenElsewhere, stop } = twoInstances();
    const laptop = new FakeSocket('exam', 's1', 'casey');
    const tablet = new FakeSocket('exam', 's2', 'casey');
    a.add(laptop);
    b.add(tablet);
    a.claimAttempt('attempt-1', laptop);
    expect(b.claimAttempt('attempt-1', tablet)).toBeUndefined();
    expect([laptop.displaced, tablet.displaced]).toEqual([1, 0]);
    expect(a.attemptSocket('attempt-1')).toBeUndefined();
    expect(b.attemptSocket('attempt-1')).toBe(tablet);
    expect(takenElsewhere.get('a')).toEqual(['attempt-1']);
    expect(takenElsewhere.get('b')).toEqual([]);
    stop();
  });

  it('after missing another instance’s newer claim, the older socket gives way once its bus is back', () => {
    const { a, b, deaf, reconnect, takenElsewhere, stop } = twoInstances();
    const laptop = new FakeSocket('exam', 's1', 'casey');
    const tablet = new FakeSocket('exam', 's2', 'casey');
    b.add(laptop);
    a.add(tablet);
    b.claimAttempt('attempt-1', laptop);
    // B's bus is away while the tablet, on A, takes the attempt: B never hears of it.
    deaf.add('b');
    a.claimAttempt('attempt-1', tablet);
    expect(b.attemptSocket('attempt-1')).toBe(laptop);
    expect(laptop.displaced).toBe(0);

    reconnect('b');
    expect(laptop.displaced).toBe(1);
    expect(tablet.displaced).toBe(0);
    expect(b.attemptSocket('attempt-1')).toBeUndefined();
    expect(a.attemptSocket('attempt-1')).toBe(tablet);
    expect(takenElsewhere.get('b')).toEqual(['attempt-1']);
    stop();
  });

  it('after its own newer claim went unheard, the holder elsewhere gives way once this bus is back', () => {
    const { a, b, deaf, reconnect, stop } = twoInstances();
    const laptop = new FakeSocket('exam', 's1', 'casey');
    const tablet = new FakeSocket('exam', 's2', 'casey');
    a.add(laptop);
    b.add(tablet);
    a.claimAttempt('attempt-1', laptop);
    // A's bus is away, and B's newer claim does not reach it.
    deaf.add('a');
    b.claimAttempt('attempt-1', tablet);
    expect(a.attemptSocket('attempt-1')).toBe(laptop);

    reconnect('a');
    expect([laptop.displaced, tablet.displaced]).toEqual([1, 0]);
    expect(a.attemptSocket('attempt-1')).toBeUndefined();
    expect(b.attemptSocket('attempt-1')).toBe(tablet);
    stop();
  });
});
