import { describe, expect, it } from 'vitest';
import { closeCodes, PROTOCOL_VERSION } from '@exam/shared/protocol';
import { ExamClient } from '../src/features/exam/exam-client';
import { memoryOutbox } from '../src/features/exam/outbox';
import { FakeSocket } from './helpers/fake-exam-socket';

const welcome = {
  type: 'welcome',
  protocolVersion: PROTOCOL_VERSION,
  attempt: {
    attemptId: 'attempt-1',
    sittingName: 'S',
    parts: [{ part: 1, status: 'running', deadline: null, remainingMs: 60_000, allowedMs: 60_000 }],
    questions: [],
    answers: [],
    maxSeq: 0,
    admitted: true,
    partTwo: null,
    partTwoProblem: null,
  },
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A device signer whose signature says which nonce it signed, so the test can see it. */
const device = () =>
  Promise.resolve({
    publicKey: 'UHVibGljS2V5',
    sign: (nonce: string) => Promise.resolve(`c2ln${nonce}`),
  });

function setup() {
  const sockets: FakeSocket[] = [];
  const client = new ExamClient({
    url: 'ws://test/ws/exam',
    outbox: memoryOutbox(),
    device,
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
  });
  return { client, sockets };
}

/** Issue 15 item 2, the client's half: name the device key, sign the challenge, drop stale notices. */
describe('exam client with a device key', () => {
  it('names its key in hello and signs each connection’s own nonce', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    await settle();
    expect(sockets[0]!.sent[0]).toEqual({
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      lastAckedSeq: 0,
      device: { publicKey: 'UHVibGljS2V5' },
    });
    sockets[0]!.receive({ type: 'device.challenge', nonce: 'bm9uY2U' });
    await settle();
    expect(sockets[0]!.ofType('device.prove')).toEqual([
      { type: 'device.prove', signature: 'c2lnbm9uY2U' },
    ]);
    client.dispose();
  });

  it('takes away the "open on another device" notice once the exam is welcomed again', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive({
      type: 'error',
      code: 'RESUME_CODE_REQUIRED',
      message: 'Your exam is open on another device.',
    });
    sockets[0]!.close(closeCodes.RESUME_CODE_REQUIRED);
    expect(client.getState().notice).toBe('Your exam is open on another device.');

    // The code was redeemed: connect again; the notice is gone and does not come back.
    client.retry();
    expect(client.getState().notice).toBeUndefined();
    sockets[1]!.open();
    sockets[1]!.receive(welcome);
    expect(client.getState()).toMatchObject({ connection: 'open', notice: undefined });
    client.dispose();
  });

  it('drops a server error’s notice ("will be retried") with the next welcome', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'error', code: 'SERVER_ERROR', message: 'Retrying.' });
    sockets[0]!.receive(welcome);
    expect(client.getState().notice).toBeUndefined();
    client.dispose();
  });
});
