import { describe, expect, it } from 'vitest';
import { closeCodes, PROTOCOL_VERSION } from '@exam/shared/protocol';
import { ExamClient } from '../src/features/exam/exam-client';
import { FakeSocket } from './helpers/fake-exam-socket';
import { memoryOutbox } from '../src/features/exam/outbox';

const welcome = (admitted: boolean) => ({
  type: 'welcome',
  protocolVersion: PROTOCOL_VERSION,
  attempt: {
    attemptId: 'attempt-1',
    sittingName: 'S',
    parts: [
      { part: 1, status: 'not-started', deadline: null, remainingMs: 60_000, allowedMs: 60_000 },
    ],
    questions: [],
    answers: [],
    maxSeq: 0,
    admitted,
    partTwo: null,
    partTwoProblem: null,
  },
});

function setup() {
  const sockets: FakeSocket[] = [];
  const client = new ExamClient({
    url: 'ws://test/ws/exam',
    outbox: memoryOutbox(),
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
  });
  return { client, sockets };
}

describe('exam client in the lobby', () => {
  it('follows admission from every welcome', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(welcome(false));
    expect(client.getState().admitted).toBe(false);
    // The proctor admits: the server sends the welcome again.
    sockets[0]!.receive(welcome(true));
    expect(client.getState().admitted).toBe(true);
    client.dispose();
  });

  it('stops on a resume-code refusal, and connects again only when told to', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.close(closeCodes.RESUME_CODE_REQUIRED);
    expect(client.getState()).toMatchObject({
      resumeCodeRequired: true,
      connection: 'closed',
    });
    expect(client.getState().finalProblem).toMatch(/resume code/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sockets).toHaveLength(1);

    client.retry();
    expect(sockets).toHaveLength(2);
    expect(client.getState()).toMatchObject({ resumeCodeRequired: false, finalProblem: undefined });
    sockets[1]!.open();
    expect(sockets[1]!.sent[0]).toMatchObject({ type: 'hello' });
    sockets[1]!.receive(welcome(true));
    expect(client.getState().connection).toBe('open');
    client.dispose();
  });
});
