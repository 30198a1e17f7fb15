import { EventEmitter } from 'node:events';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { WebSocket } from 'ws';
import {
  closeCodes,
  parseClientMessage,
  parseProctorClientMessage,
  type ClientMessage,
  type ProctorClientMessage,
  type ServerMessage,
} from '@exam/shared/protocol';
import { AppError } from '../src/lib/app-error.js';
import { dispatch, type HandlerMap } from '../src/ws/dispatch.js';
import { SocketConnection } from '../src/ws/socket-connection.js';

/** Just enough of `ws`'s WebSocket for the transport: frames in, frames and closes out. */
class FakeWebSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  readonly sent: Record<string, unknown>[] = [];
  readonly closes: { code: number; reason: string }[] = [];
  pings = 0;
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(code: number, reason: string): void {
    this.closes.push({ code, reason });
    this.readyState = 2;
  }
  ping(): void {
    this.pings += 1;
  }
  terminate(): void {
    this.readyState = 3;
  }
  /** A text frame from the client. */
  frame(text: string): void {
    this.emit('message', Buffer.from(text, 'utf8'), false);
  }
}

type Handled = { type: string; order: number };

function transport(
  options: {
    explainRefusals?: boolean;
    frameCap?: number;
    perSecond?: number;
    burst?: number;
  } = {},
) {
  const ws = new FakeWebSocket();
  const handled: Handled[] = [];
  const errors: unknown[] = [];
  let closed = 0;
  const handlers: HandlerMap<ClientMessage, Handled[]> = {
    'time.sync': (message, log) => {
      log.push({ type: message.type, order: log.length });
      connection.send({ type: 'time.sync', clientSentAt: message.clientSentAt });
    },
    hello: (message, log) => void log.push({ type: message.type, order: log.length }),
    'answer.save': async () => {
      await Promise.resolve();
      throw new AppError('CONFLICT', 'refused on purpose');
    },
    'part.start': () => {
      throw new Error('thrown synchronously');
    },
    'part.submit': () => undefined,
    'device.prove': () => undefined,
    'draft.save': () => undefined,
    'draft.patch': () => undefined,
    'choice.set': () => undefined,
    'paste.record': () => undefined,
    'tools.save': () => undefined,
    'display.set': () => undefined,
  };
  const connection = new SocketConnection<ClientMessage, ServerMessage, Handled[]>(
    ws as unknown as WebSocket,
    'token',
    {
      clock: { now: () => new Date(1_000) },
      parse: parseClientMessage,
      handlers,
      context: handled,
      frameCap: () => options.frameCap ?? 256,
      rate: { perSecond: options.perSecond ?? 100, burst: options.burst ?? 100 },
      explainRefusals: options.explainRefusals ?? true,
      onError: (error) => errors.push(error),
      onClose: () => {
        closed += 1;
      },
    },
  );
  return { ws, connection, handled, errors, closed: () => closed };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('dispatch over a handler map', () => {
  it('runs the handler for the message type with its context, synchronously', async () => {
    const calls: string[] = [];
    const handlers: HandlerMap<ProctorClientMessage, string[]> = {
      hello: (message, log) => void log.push(`hello ${message.protocolVersion}`),
      'time.sync': (message, log) => void log.push(`sync ${message.clientSentAt}`),
      'alert.acknowledge': (message, log) => void log.push(`ack ${message.alertIds.join()}`),
    };
    const done = dispatch(handlers, { type: 'time.sync', clientSentAt: 5 }, calls);
    // Before any await: frames of one chunk are answered in the order they came.
    expect(calls).toEqual(['sync 5']);
    await done;
    await dispatch(handlers, { type: 'hello', protocolVersion: 3 }, calls);
    expect(calls).toEqual(['sync 5', 'hello 3']);
  });

  it('rejects a type with no handler with BAD_MESSAGE, and turns a synchronous throw into a rejection', async () => {
    const handlers = {
      hello: () => undefined,
      'time.sync': () => {
        throw new Error('boom');
      },
      'alert.acknowledge': () => undefined,
    } as HandlerMap<ProctorClientMessage, null>;
    const unknown = { type: 'dashboard.rewind' } as unknown as ProctorClientMessage;
    await expect(dispatch(handlers, unknown, null)).rejects.toMatchObject({
      code: 'BAD_MESSAGE',
      message: 'Unknown message type: dashboard.rewind.',
    });
    await expect(dispatch(handlers, { type: 'time.sync', clientSentAt: 1 }, null)).rejects.toThrow(
      'boom',
    );
  });

  it('is exhaustive in the type system: a protocol message without a handler does not compile', () => {
    // @ts-expect-error -- 'paste.record' (and the rest) have no handler
    const partial: HandlerMap<ClientMessage, null> = { hello: () => undefined };
    // @ts-expect-error -- 'time.sync' has no handler
    const proctor: HandlerMap<ProctorClientMessage, null> = { hello: () => undefined };
    expect([partial, proctor]).toHaveLength(2);
    // Each handler receives its own message shape, not the whole union.
    expectTypeOf<Parameters<HandlerMap<ClientMessage, null>['answer.save']>[0]>().toEqualTypeOf<
      Extract<ClientMessage, { type: 'answer.save' }>
    >();
    expectTypeOf<keyof HandlerMap<ProctorClientMessage, null>>().toEqualTypeOf<
      ProctorClientMessage['type']
    >();
  });
});

describe('socket transport: parse, dispatch, send', () => {
  it('answers a malformed frame and an unknown type with BAD_MESSAGE and stays open', () => {
    const { ws, handled } = transport();
    ws.frame('{not json');
    ws.frame(JSON.stringify({ type: 'answer.delete', position: 1 }));
    expect(ws.sent).toEqual([
      {
        type: 'error',
        code: 'BAD_MESSAGE',
        message: 'Message is not valid JSON.',
        serverTime: 1000,
      },
      expect.objectContaining({ type: 'error', code: 'BAD_MESSAGE' }),
    ]);
    expect(String(ws.sent[1]?.message)).toMatch(/^Message has the wrong shape/);
    expect(ws.closes).toEqual([]);
    expect(handled).toEqual([]);
  });

  it('handles frames in the order they arrived and stamps server time on every reply', () => {
    const { ws, handled } = transport();
    ws.frame(JSON.stringify({ type: 'time.sync', clientSentAt: 1 }));
    ws.frame(JSON.stringify({ type: 'hello', protocolVersion: 6, lastAckedSeq: 0 }));
    ws.frame(JSON.stringify({ type: 'time.sync', clientSentAt: 2 }));
    expect(handled.map((h) => h.type)).toEqual(['time.sync', 'hello', 'time.sync']);
    expect(ws.sent).toEqual([
      { type: 'time.sync', clientSentAt: 1, serverTime: 1000 },
      { type: 'time.sync', clientSentAt: 2, serverTime: 1000 },
    ]);
  });

  it('reports handler failures, thrown or rejected, to onError', async () => {
    const { ws, errors } = transport();
    ws.frame(JSON.stringify({ type: 'part.start', part: 1 }));
    ws.frame(
      JSON.stringify({ type: 'answer.save', seq: 1, position: 1, choice: 0, flagged: false }),
    );
    await flush();
    expect(errors.map((e) => (e as Error).message)).toEqual([
      'thrown synchronously',
      'refused on purpose',
    ]);
  });

  it('refuses a frame over the cap: explained then closed 1009, or closed only', () => {
    const told = transport({ frameCap: 16 });
    told.ws.frame(JSON.stringify({ type: 'time.sync', clientSentAt: 1 }));
    expect(told.ws.sent).toEqual([
      {
        type: 'error',
        code: 'PAYLOAD_TOO_LARGE',
        message: 'Message too large to be saved.',
        serverTime: 1000,
      },
    ]);
    expect(told.ws.closes).toEqual([
      { code: closeCodes.MESSAGE_TOO_BIG, reason: 'message too large' },
    ]);

    const silent = transport({ frameCap: 16, explainRefusals: false });
    silent.ws.emit('message', Buffer.from('x'), true); // binary frames are never accepted
    expect(silent.ws.sent).toEqual([]);
    expect(silent.ws.closes).toEqual([
      { code: closeCodes.MESSAGE_TOO_BIG, reason: 'message too large' },
    ]);
  });

  it('cuts a socket over its rate after its burst, and acts on nothing once closed', () => {
    const { ws, handled } = transport({ perSecond: 1, burst: 2 });
    for (let i = 0; i < 4; i += 1) {
      ws.frame(JSON.stringify({ type: 'hello', protocolVersion: 6, lastAckedSeq: 0 }));
    }
    expect(handled).toHaveLength(2);
    expect(ws.sent).toEqual([
      {
        type: 'error',
        code: 'RATE_LIMITED',
        message: 'Too many messages; reconnecting.',
        serverTime: 1000,
      },
    ]);
    expect(ws.closes).toEqual([{ code: closeCodes.RATE_LIMITED, reason: 'rate limited' }]);
  });

  it('closes once, ends a session with UNAUTHENTICATED, and tells its owner of the close', () => {
    const { ws, connection, closed } = transport();
    connection.endSession();
    connection.close(closeCodes.SERVER_ERROR, 'server error');
    expect(ws.closes).toEqual([{ code: closeCodes.UNAUTHENTICATED, reason: 'session ended' }]);
    expect(connection.closed).toBe(true);
    ws.emit('close');
    expect(closed()).toBe(1);
  });

  it('tracks pongs for the heartbeat', () => {
    const { ws, connection } = transport();
    connection.alive = false;
    connection.ping();
    ws.emit('pong');
    expect(connection.alive).toBe(true);
    expect(ws.pings).toBe(1);
  });

  it('parses each direction with its own protocol', () => {
    expect(parseProctorClientMessage('{"type":"hello","protocolVersion":3}').ok).toBe(true);
    expect(parseProctorClientMessage('{"type":"answer.save"}').ok).toBe(false);
  });
});
