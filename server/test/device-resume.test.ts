import { webcrypto } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeCodes,
  DEVICE_KEY_ALGORITHM,
  DEVICE_SIGNATURE_ALGORITHM,
  PROTOCOL_VERSION,
} from '@exam/shared/protocol';
import { ExamSocket } from './helpers/exam-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/** Issue 15 item 2: the device an attempt runs on resumes after signing in again, without a code. */
let t: TestApp;
const sockets: ExamSocket[] = [];

beforeAll(async () => {
  t = await createTestApp({ listen: true });
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.ws.close();
});
afterAll(() => t.close());

/** A browser's device key, made as the exam page makes it (WebCrypto, non-extractable private key). */
async function deviceKey() {
  const pair = await webcrypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, ['sign', 'verify']);
  const spki = await webcrypto.subtle.exportKey('spki', pair.publicKey);
  return {
    publicKey: Buffer.from(spki).toString('base64'),
    sign: async (nonce: string) =>
      Buffer.from(
        await webcrypto.subtle.sign(
          DEVICE_SIGNATURE_ALGORITHM,
          pair.privateKey,
          new TextEncoder().encode(nonce),
        ),
      ).toString('base64'),
  };
}
type DeviceKey = Awaited<ReturnType<typeof deviceKey>>;

/** A fresh sign-in (a new session, as after a crash) opening the exam socket. */
async function signedInSocket(): Promise<ExamSocket> {
  const socket = await ExamSocket.connect(t.app, await loginAs(t.app, 'candidate@demo.test'));
  sockets.push(socket);
  return socket;
}

/** hello naming the device key, answered with `answer(nonce)`; returns the signature sent. */
async function helloAsDevice(
  socket: ExamSocket,
  device: DeviceKey,
  answer: (nonce: string) => Promise<string> = device.sign,
): Promise<string> {
  socket.send({
    type: 'hello',
    protocolVersion: PROTOCOL_VERSION,
    lastAckedSeq: 0,
    device: { publicKey: device.publicKey },
  });
  const { nonce } = await socket.next('device.challenge');
  const signature = await answer(nonce);
  socket.send({ type: 'device.prove', signature });
  return signature;
}

async function expectRefused(socket: ExamSocket): Promise<void> {
  expect((await socket.next('error')).code).toBe('RESUME_CODE_REQUIRED');
  expect(await socket.closed()).toBe(closeCodes.RESUME_CODE_REQUIRED);
}

describe('same-device resume', () => {
  let laptop: DeviceKey;
  let lastSignature: string;

  it('registers the device that starts the attempt and lets it back in after a new sign-in', async () => {
    laptop = await deviceKey();
    const first = await signedInSocket();
    await helloAsDevice(first, laptop);
    await first.next('welcome');
    first.send({ type: 'part.start', part: 1 });
    await first.next('clock.update');
    first.ws.close();

    // The browser crashed; Casey signs in again on the same computer: no resume code asked.
    const again = await signedInSocket();
    lastSignature = await helloAsDevice(again, laptop);
    const welcome = await again.next('welcome');
    expect(welcome.attempt.parts[0]?.status).toBe('running');
  });

  it('asks another device (another key) for the proctor’s code', async () => {
    const tablet = await deviceKey();
    const socket = await signedInSocket();
    await helloAsDevice(socket, tablet);
    await expectRefused(socket);
  });

  it('refuses a replayed signature: it was for another connection’s nonce', async () => {
    const socket = await signedInSocket();
    await helloAsDevice(socket, laptop, () => Promise.resolve(lastSignature));
    await expectRefused(socket);
  });

  it('refuses the registered public key signed by a different private key', async () => {
    const impostor = await deviceKey();
    const socket = await signedInSocket();
    await helloAsDevice(socket, laptop, impostor.sign);
    await expectRefused(socket);
  });

  it('still lets the same device in after all that', async () => {
    const socket = await signedInSocket();
    await helloAsDevice(socket, laptop);
    await socket.next('welcome');
  });
});
