import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * The load generator's websocket client: RFC 6455 on a plain socket, only what a simulated
 * candidate needs (text frames out, masked; text, ping and close frames in; no extensions).
 *
 * Why not `ws`, which the platform itself uses: the load generator shares the bench's two cores
 * with the server and PostgreSQL, so every microsecond it spends per frame is taken from the
 * system under test, and pgbench, which the saturated ceiling is compared against, drives
 * PostgreSQL from C. Profiled at saturation, `ws`'s client spent about 19 us of user CPU per
 * save and acknowledgement (a Writable stream per socket, cork/writev per frame, an event per
 * message); this one writes each frame with one `write`, reads through net's `onread` into one
 * shared buffer (no stream, no chunk allocated per read) and parses frames in place. It makes the
 * upgrade request itself, on that socket. The server side is the real `ws`, unchanged.
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

/**
 * Every socket of the load generator reads into this one buffer (net's `onread`): a read is
 * parsed before the next one can land, so no chunk is allocated per read and no stream carries
 * it; what a frame leaves unparsed is copied out (`pending`).
 */
const readBuffer = Buffer.allocUnsafe(256 * 1024);
/** The upgrade's answer ends at the first empty line. */
const HEADERS_END = Buffer.from('\r\n\r\n');

export class WireSocket {
  private pending: Buffer | undefined;
  private fragments: Buffer[] = [];
  private closed = false;
  private closeCode = 1006;
  /** Until the upgrade has been answered: its bytes so far, and what to do with the answer. */
  private upgrade:
    { received: Buffer; accept: string; settle: (error?: Error) => void } | undefined;
  private on: WireHandlers | undefined;

  private readonly socket: Socket;

  private constructor(target: URL) {
    this.socket = connect({
      host: target.hostname,
      port: Number(target.port),
      noDelay: true,
      onread: {
        buffer: readBuffer,
        // Never pauses: every read is parsed (or copied out) before the next can land.
        callback: (length) => {
          this.read(length);
          return true;
        },
      },
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
      const opened = new WireSocket(target);
      const { socket } = opened;
      opened.upgrade = {
        received: Buffer.alloc(0),
        accept,
        settle: (error) => {
          opened.upgrade = undefined;
          if (error) {
            socket.destroy();
            reject(error);
            return;
          }
          opened.on = handlers;
          resolve(opened);
        },
      };
      socket.on('error', (error) => {
        if (opened.upgrade) opened.upgrade.settle(error);
        else opened.on?.error(error);
      });
      socket.on('close', () => {
        opened.closed = true;
        if (opened.upgrade) opened.upgrade.settle(new Error('closed before the upgrade'));
        else opened.on?.close(opened.closeCode);
      });
      const lines = [
        `GET ${target.pathname}${target.search} HTTP/1.1`,
        `Host: ${target.host}`,
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        `Sec-WebSocket-Key: ${key}`,
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  }

  /** `onread`'s callback: `length` new bytes at the start of the shared read buffer. */
  private read(length: number): void {
    const chunk = readBuffer.subarray(0, length);
    if (!this.upgrade) return this.receive(chunk);
    const received = Buffer.concat([this.upgrade.received, chunk]);
    const end = received.indexOf(HEADERS_END);
    if (end < 0) {
      this.upgrade.received = received;
      return;
    }
    const head = received.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(head[0]?.split(' ')[1]);
    const acceptHeader = head.find((line) => /^sec-websocket-accept:/i.test(line));
    const upgrade = this.upgrade;
    if (status !== 101) upgrade.settle(new Error(`upgrade refused: ${status}`));
    else if (acceptHeader?.slice(acceptHeader.indexOf(':') + 1).trim() !== upgrade.accept)
      upgrade.settle(new Error('upgrade answered with a wrong Sec-WebSocket-Accept'));
    else {
      upgrade.settle();
      // Frames that came with the upgrade's answer wait until the caller holds the socket.
      const rest = Buffer.from(received.subarray(end + HEADERS_END.length));
      if (rest.length > 0) setImmediate(() => this.receive(rest));
    }
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
        this.on?.error(new Error('the server sent a masked frame'));
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
        if (fin && this.fragments.length === 0) return this.on?.message(payload);
        this.fragments.push(Buffer.from(payload));
        if (fin) {
          const whole = Buffer.concat(this.fragments);
          this.fragments = [];
          this.on?.message(whole);
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
