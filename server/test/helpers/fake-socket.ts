import { closeCodes } from '@exam/shared/protocol';
import type { RegisteredSocket } from '../../src/ws/socket-registry.js';

type Close = { code: number; reason: string };

/** A registered socket whose transport records what the registry and heartbeat did to it. */
export class FakeSocket implements RegisteredSocket<string, string> {
  readonly closes: Close[] = [];
  readonly attemptEvents: string[] = [];
  readonly sittingEvents: string[] = [];
  displaced = 0;
  terminated = false;
  pings = 0;
  readonly transport;

  constructor(
    readonly kind: string,
    readonly sessionId: string,
    readonly userId: string,
    token: string | undefined = sessionId,
  ) {
    const closes = this.closes;
    this.transport = {
      alive: true,
      sessionToken: token,
      ping: () => {
        this.pings += 1;
      },
      terminate: () => {
        this.terminated = true;
      },
      endSession: () => closes.push({ code: closeCodes.UNAUTHENTICATED, reason: 'session ended' }),
      close: (code: number, reason: string) => closes.push({ code, reason }),
    };
  }
  displace(): void {
    this.displaced += 1;
  }
  onAttemptEvent(event: string): void {
    this.attemptEvents.push(event);
  }
  onSittingEvent(event: string): void {
    this.sittingEvents.push(event);
  }
}
