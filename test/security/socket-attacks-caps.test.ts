import { closeCodes } from '@exam/shared/protocol';
import { describe, expect, it } from 'vitest';
import type { ExamSocket } from '../../server/test/helpers/exam-fixture.js';
import { ProctorSocket } from '../../server/test/helpers/proctor-fixture.js';
import { loginAs } from '../../server/test/helpers/test-app.js';
import { closedCodes, useSocketAttackServer } from './socket-attack-server.js';

/** Attack suite, websocket cases: how many sockets one sign-in, one attempt and one proctor keep. */
const attack = useSocketAttackServer();
const { connect, signedIn } = attack;

async function openSockets(cookies: string[]): Promise<ExamSocket[]> {
  const sockets: ExamSocket[] = [];
  // One after the other: "newest" must mean something.
  for (const cookie of cookies) sockets.push(await connect(cookie));
  return sockets;
}

describe('attack suite: socket caps', () => {
  it('23. caps the sockets of one sign-in: of 20, the newest takes over and the others are told', async () => {
    const cookie = await signedIn('candidate@demo.test');
    const sockets = await openSockets(Array.from({ length: 20 }, () => cookie));
    const newest = sockets.pop()!;
    expect(await closedCodes(sockets)).toEqual(sockets.map(() => closeCodes.TAKEN_OVER));
    expect((await sockets[0]!.next('error')).code).toBe('TAKEN_OVER');
    expect(newest.closeCode).toBeUndefined();
    await newest.hello();
    newest.send({ type: 'time.sync', clientSentAt: 1 });
    await newest.next('time.sync');
  });

  it('24. caps the sockets of one attempt across sign-ins, never displacing the one bound to it', async () => {
    const bound = await connect(await signedIn('mentor.clinical@demo.test'));
    await bound.hello();
    const others = await openSockets(
      await Promise.all(
        Array.from({ length: 5 }, () => loginAs(attack.t.app, 'mentor.clinical@demo.test')),
      ),
    );
    // Three at most per candidate: the bound one and the two newest; the oldest waiting ones go.
    expect(await closedCodes(others.slice(0, 3))).toEqual([4409, 4409, 4409]);
    expect(others.slice(3).map((s) => s.closeCode)).toEqual([undefined, undefined]);
    bound.send({ type: 'time.sync', clientSentAt: 7 });
    await bound.next('time.sync', (m) => m.clientSentAt === 7);
    expect(bound.closeCode).toBeUndefined();
  });

  it('25. caps the proctor dashboards of one sign-in: the oldest gives way, told why', async () => {
    const cookie = await loginAs(attack.t.app, 'coordinator@demo.test');
    const dashboards: ProctorSocket[] = [];
    for (let i = 0; i < 6; i += 1)
      dashboards.push(await ProctorSocket.connect(attack.t.app, cookie, attack.sittingId));
    const closeOf = (d: ProctorSocket) =>
      d.closeCode !== undefined
        ? Promise.resolve(d.closeCode)
        : new Promise<number>((resolve) => d.ws.once('close', resolve));
    expect(await Promise.all(dashboards.slice(0, 2).map(closeOf))).toEqual([4409, 4409]);
    await dashboards[5]!.hello();
    expect(dashboards.slice(2).map((d) => d.closeCode)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    for (const d of dashboards) d.close();
  });
});
