import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { TEST_ORIGIN } from '../../server/test/helpers/test-app.js';

/** Sends raw bytes to the server and resolves with what it answered before closing. */
export function rawRequest(port: number, chunks: string[], gapMs = 0): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    let i = 0;
    const next = () => {
      if (socket.destroyed) return;
      if (i < chunks.length) socket.write(chunks[i++]!, () => setTimeout(next, gapMs));
    };
    socket.on('connect', next);
  });
}

/**
 * Upgrades a raw socket, then writes one frame of `bytes` in slices as a slow uplink would,
 * reading nothing until all of it is written (a busy client). Resolves with the close code of
 * the first frame the server sent, or the transport error that ended the connection instead.
 */
export function slowFrame(port: number, cookie: string, bytes: number): Promise<number | string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.pause();
    const received: Buffer[] = [];
    let failure = '';
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', (error) => (failure ||= error.message));
    socket.on('close', () => {
      const all = Buffer.concat(received);
      const frame = all.subarray(all.indexOf('\r\n\r\n') + 4);
      if (frame.length >= 4 && (frame[0]! & 0x0f) === 0x8) resolve(frame.readUInt16BE(2));
      else resolve(failure || `no close frame (${frame.length} bytes)`);
    });
    const header = Buffer.alloc(14);
    header[0] = 0x81;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(bytes), 2);
    randomBytes(4).copy(header, 10);
    const payload = Buffer.alloc(bytes, 0x20);
    const slice = 128 * 1024;
    let offset = 0;
    const writeNext = () => {
      if (socket.destroyed) return;
      if (offset >= payload.length) {
        socket.resume();
        setTimeout(() => socket.end(), 200);
        return;
      }
      const part = payload.subarray(offset, offset + slice);
      offset += slice;
      socket.write(part, () => setTimeout(writeNext, 5));
    };
    socket.on('connect', () => {
      socket.write(
        `GET /ws/exam HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
          `Origin: ${TEST_ORIGIN}\r\nCookie: ${cookie}\r\n\r\n`,
      );
      socket.write(header, () => setTimeout(writeNext, 50));
    });
  });
}
