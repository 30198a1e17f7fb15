import type { SeededCandidate } from './fault-database.js';
import { SimCandidate, type SimCandidateOptions } from './sim-candidate.js';

export type FleetOptions = Omit<SimCandidateOptions, 'cookie'>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FleetMember {
  seat: SeededCandidate;
  sim: SimCandidate;
}

/** Many simulated candidates against one server, with waits that are always bounded. */
export class CandidateFleet {
  private constructor(readonly members: FleetMember[]) {}

  /**
   * Connects every seeded candidate to the server and starts them answering; `options` may be
   * chosen per candidate (by index), e.g. to send half of them on to Part Two.
   */
  static start(
    seats: SeededCandidate[],
    options: FleetOptions | ((index: number) => FleetOptions),
  ): CandidateFleet {
    const optionsOf = typeof options === 'function' ? options : () => options;
    const fleet = new CandidateFleet(
      seats.map((seat, i) => ({
        seat,
        sim: new SimCandidate({ ...optionsOf(i), cookie: seat.cookie }),
      })),
    );
    for (const member of fleet.members) member.sim.start();
    return fleet;
  }

  /** Acknowledgements received, answers and drafts. */
  get ackedCount(): number {
    return this.members.reduce((sum, m) => sum + m.sim.acks.length, 0);
  }

  /** Part One changes made. */
  get sentCount(): number {
    return this.members.reduce((sum, m) => sum + m.sim.answers.sent.size, 0);
  }

  /** Part Two draft revisions typed. */
  get typedCount(): number {
    return this.members.reduce((sum, m) => sum + m.sim.drafts.typedCount, 0);
  }

  /**
   * Acknowledgements that arrived strictly between `from` and `to` (epoch ms): `total`, and of
   * those, how many were for saves sent after `from`.
   */
  acksBetween(from: number, to: number): { total: number; sentAfterFrom: number } {
    const acks = this.members.flatMap((m) => m.sim.acks.filter((a) => a.at > from && a.at < to));
    return { total: acks.length, sentAfterFrom: acks.filter((a) => a.sentAt > from).length };
  }

  get unacknowledged(): number {
    return this.members.reduce((sum, m) => sum + m.sim.unacknowledged, 0);
  }

  /**
   * Rejections and unexpected server messages, prefixed with the candidate's email. SERVER_ERROR
   * replies count unless `allowServerErrors` (a database fault makes the server fail requests).
   */
  problems(options: { allowServerErrors?: boolean } = {}): string[] {
    return this.members.flatMap(({ seat, sim }) => [
      ...sim.problems.map((p) => `${seat.email}: ${p}`),
      ...sim.rejected.map((r) => `${seat.email}: ${r.what} rejected ${r.code}: ${r.message}`),
      ...(options.allowServerErrors || sim.serverErrors.length === 0
        ? []
        : [`${seat.email}: ${sim.serverErrors.length} SERVER_ERROR replies`]),
    ]);
  }

  /**
   * Waits until every candidate has had an acknowledgement after `since`: its connection works
   * again, whether or not it dropped. Returns each one's time; throws, naming stragglers.
   */
  async waitAllAckedAfter(since: number, timeoutMs: number): Promise<number[]> {
    const giveUp = Date.now() + timeoutMs;
    for (;;) {
      const pending = this.members.filter((m) => m.sim.ackedAfter(since) === undefined);
      if (pending.length === 0) return this.members.map((m) => m.sim.ackedAfter(since) ?? since);
      if (Date.now() > giveUp) {
        const names = pending.slice(0, 5).map((m) => m.seat.email);
        throw new Error(
          `${pending.length} candidates had no save acknowledged within ${timeoutMs} ms: ${names.join(', ')}`,
        );
      }
      await sleep(20);
    }
  }

  /**
   * Waits until every candidate has been welcomed after `since` and is connected; returns each
   * one's welcome time. Throws, naming the stragglers, after `timeoutMs`.
   */
  async waitAllResumed(since: number, timeoutMs: number): Promise<number[]> {
    const giveUp = Date.now() + timeoutMs;
    for (;;) {
      const pending = this.members.filter(
        (m) => m.sim.resumedAt(since) === undefined || !m.sim.connected,
      );
      if (pending.length === 0) return this.members.map((m) => m.sim.resumedAt(since) ?? since);
      if (Date.now() > giveUp) {
        const names = pending.slice(0, 5).map((m) => {
          const why = m.sim.lastConnectError ? ` (last error: ${m.sim.lastConnectError})` : '';
          return `${m.seat.email}${why}`;
        });
        throw new Error(
          `${pending.length} candidates did not resume within ${timeoutMs} ms: ${names.join(', ')}`,
        );
      }
      await sleep(20);
    }
  }

  /** Waits until `done` holds for every candidate; throws, naming stragglers, after `timeoutMs`. */
  async waitForEveryone(
    what: string,
    done: (member: FleetMember) => boolean,
    timeoutMs: number,
  ): Promise<void> {
    const giveUp = Date.now() + timeoutMs;
    for (;;) {
      const pending = this.members.filter((m) => !done(m));
      if (pending.length === 0) return;
      if (Date.now() > giveUp) {
        const names = pending.slice(0, 5).map((m) => m.seat.email);
        throw new Error(`${pending.length} candidates not ${what}: ${names.join(', ')}`);
      }
      await sleep(50);
    }
  }

  /** Waits until at least `count` more saves have been acknowledged than `from`. */
  async waitAcked(from: number, count: number, timeoutMs: number): Promise<void> {
    const giveUp = Date.now() + timeoutMs;
    while (this.ackedCount < from + count) {
      if (Date.now() > giveUp) {
        throw new Error(
          `only ${this.ackedCount - from} of ${count} saves acknowledged within ${timeoutMs} ms`,
        );
      }
      await sleep(20);
    }
  }

  /**
   * Waits until the outboxes replayed after a fault are down to `backlog` changes in all;
   * returns when that happened.
   */
  async waitCaughtUp(backlog: number, timeoutMs: number): Promise<number> {
    const giveUp = Date.now() + timeoutMs;
    while (this.unacknowledged > backlog) {
      if (Date.now() > giveUp) {
        throw new Error(`${this.unacknowledged} saves still waiting after ${timeoutMs} ms`);
      }
      await sleep(20);
    }
    return Date.now();
  }

  /** Stops new changes and waits (bounded) until everything made has been acknowledged. */
  async drain(timeoutMs: number): Promise<void> {
    for (const member of this.members) member.sim.stopGenerating();
    const giveUp = Date.now() + timeoutMs;
    while (this.unacknowledged > 0) {
      if (Date.now() > giveUp) {
        throw new Error(`${this.unacknowledged} saves still unacknowledged after ${timeoutMs} ms`);
      }
      await sleep(20);
    }
  }

  close(): void {
    for (const member of this.members) member.sim.close();
  }
}
