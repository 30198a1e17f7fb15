import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The load generator's websocket client: RFC 6455 on a plain socket, only what a simulated
 * candidate needs (text frames out, masked; text, ping and close frames in; no extensions).
 *
 * Why not `ws`, which the platform itself uses: the load generator shares the bench's two cores
 * with the server and PostgreSQL, so every microsecond it spends per frame is taken from the
 * system under test, and pgbench, which the saturated ceiling is compared against, drives
 * PostgreSQL from C. Profiled at saturation, `ws`'s client spent about 19 us of user CPU per
 * save and acknowledgement (a Writable stream per socket, cork/writev per frame, an event per
 * message); this one writes each frame with one `write` and parses acknowledgements in place.
 * The server side is the real `ws`, unchanged.
 */

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OPCODE = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

/** Masking keys come from a pool refilled in one call, as `ws` does. */
const MASK_POOL_SIZE = 8 * 1024;
const maskPool = Buffer.alloc(MASK_POOL_SIZE);
let maskAt = MASK_POOL_SIZE;

function nextMask(target: Buffer, at: number): void {
  if (maskAt + 4 > MASK_POOL_SIZE) {
    randomFillSync(maskPool);
    maskAt = 0;
  }
  maskPool.copy(target, at, maskAt, maskAt + 4);
  maskAt += 4;
}

/** A whole client frame: header, masking key and the masked payload, in one buffer. */
function clientFrame(opcode: number, payload: Buffer | string): Buffer {
  const length = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + 4 + length);
  frame[0] = 0x80 | opcode;
  if (header === 2) frame[1] = 0x80 | length;
  else if (header === 4) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  nextMask(frame, header);
  const start = header + 4;
  if (typeof payload === 'string') frame.write(payload, start, 'utf8');
  else payload.copy(frame, start);
  const mask = [frame[header], frame[header + 1], frame[header + 2], frame[header + 3]] as number[];
  for (let i = 0; i < length; i += 1)
    frame[start + i] = (frame[start + i] as number) ^ (mask[i & 3] as number);
  return frame;
}

export interface WireHandlers {
  /** A whole text message (fragments joined). */
  message: (data: Buffer) => void;
  /** The socket is gone: `code` from the server's close frame, 1006 when there was none. */
  close: (code: number) => void;
  error: (error: Error) => void;
}

export class WireSocket {
  private pending: Buffer | undefined;
  private fragments: Buffer[] = [];
  private closed = false;
  private closeCode = 1006;

  private constructor(
    private readonly socket: Socket,
    private readonly on: WireHandlers,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.on.error(error));
    socket.on('close', () => {
      this.closed = true;
      this.on.close(this.closeCode);
    });
  }

  /** Opens the websocket; rejects with the status when the upgrade is refused. */
  static connect(
    url: string,
    headers: Record<string, string>,
    handlers: WireHandlers,
  ): Promise<WireSocket> {
    const target = new URL(url);
    const key = randomBytes(16).toString('base64');
    const accept = createHash('sha1')
      .update(key + GUID)
      .digest('base64');
    return new Promise((resolve, reject) => {
      const req = request({
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        headers: {
          ...headers,
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': key,
        },
      });
      req.on('upgrade', (res, socket, head) => {
        if (res.headers['sec-websocket-accept'] !== accept) {
          socket.destroy();
          reject(new Error('upgrade answered with a wrong Sec-WebSocket-Accept'));
          return;
        }
        const wire = new WireSocket(socket, handlers);
        resolve(wire);
        // Frames that came with the upgrade wait until the caller holds the socket.
        if (head.length > 0) setImmediate(() => wire.receive(head));
      });
      req.on('response', (res) => {
        res.resume();
        reject(new Error(`upgrade refused: ${res.statusCode}`));
      });
      req.on('error', reject);
      req.end();
    });
  }

  get open(): boolean {
    return !this.closed;
  }

  send(text: string): void {
    if (!this.closed) this.socket.write(clientFrame(OPCODE.text, text));
  }

  terminate(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    let data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    while (data.length >= 2) {
      const first = data[0] as number;
      const second = data[1] as number;
      if (second & 0x80) {
        this.on.error(new Error('the server sent a masked frame'));
        this.terminate();
        return;
      }
      let length = second & 0x7f;
      let at = 2;
      if (length === 126) {
        if (data.length < 4) break;
        length = data.readUInt16BE(2);
        at = 4;
      } else if (length === 127) {
        if (data.length < 10) break;
        length = Number(data.readBigUInt64BE(2));
        at = 10;
      }
      if (data.length < at + length) break;
      this.frame(first & 0x0f, (first & 0x80) !== 0, data.subarray(at, at + length));
      data = data.subarray(at + length);
    }
    if (data.length > 0) this.pending = Buffer.from(data);
  }

  private frame(opcode: number, fin: boolean, payload: Buffer): void {
    switch (opcode) {
      case OPCODE.text:
      case OPCODE.binary:
      case OPCODE.continuation:
        if (fin && this.fragments.length === 0) return this.on.message(payload);
        this.fragments.push(Buffer.from(payload));
        if (fin) {
          const whole = Buffer.concat(this.fragments);
          this.fragments = [];
          this.on.message(whole);
        }
        return;
      case OPCODE.ping:
        if (!this.closed) this.socket.write(clientFrame(OPCODE.pong, payload));
        return;
      case OPCODE.close:
        this.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        if (!this.closed) this.socket.end(clientFrame(OPCODE.close, payload.subarray(0, 2)));
        return;
      default:
        return;
    }
  }
}
