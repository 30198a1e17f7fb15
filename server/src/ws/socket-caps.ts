/**
 * How many sockets one holder (a sign-in session, a candidate) may keep open at once on this
 * instance: resource protection for one process, not a rule across instances (SocketLimits). A
 * socket that goes over the cap is kept and the oldest displaceable one gives way: the newest
 * takes over, as a second tab always has. The caller closes what `add` returns.
 */
export class SocketCap<T> {
  private readonly held = new Map<string, T[]>();

  constructor(
    private readonly max: number,
    /** Sockets that must not be displaced here (one already bound to an attempt) are skipped. */
    private readonly displaceable: (item: T) => boolean = () => true,
  ) {
    if (max < 1) throw new Error('a socket cap must admit at least one socket');
  }

  /** Registers `item` under `key`; returns the older sockets it displaced, oldest first. */
  add(key: string, item: T): T[] {
    const list = this.held.get(key) ?? [];
    list.push(item);
    this.held.set(key, list);
    const displaced: T[] = [];
    for (const older of list.slice(0, -1)) {
      if (list.length - displaced.length <= this.max) break;
      if (this.displaceable(older)) displaced.push(older);
    }
    for (const older of displaced) list.splice(list.indexOf(older), 1);
    return displaced;
  }

  /** Forgets `item`; safe to call for one already displaced. */
  remove(key: string, item: T): void {
    const list = this.held.get(key);
    if (!list) return;
    const index = list.indexOf(item);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.held.delete(key);
  }

  count(key: string): number {
    return this.held.get(key)?.length ?? 0;
  }
}
