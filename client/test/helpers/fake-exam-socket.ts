import { vi } from 'vitest';
import { PROTOCOL_VERSION, type PartTwoState } from '@exam/shared/protocol';
import { ExamClient, type SocketLike } from '../../src/features/exam/exam-client';
import type { DraftTiming } from '../../src/features/exam/draft-sync';
import { memoryOutbox, type Outbox } from '../../src/features/exam/outbox';

/** A websocket the test drives by hand: open it, feed it server messages, read what was sent. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  /**
   * Frames as sent, less `madeAt` (the device's claimed time, which varies run to run); the
   * frames with it are in `sentRaw`.
   */
  sent: Record<string, unknown>[] = [];
  sentRaw: Record<string, unknown>[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  send(data: string) {
    const frame = JSON.parse(data) as Record<string, unknown>;
    this.sentRaw.push(frame);
    const { madeAt: _claim, ...rest } = frame;
    this.sent.push(rest);
  }
  close(code = 1000) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: object, serverTime = Date.now()) {
    this.onmessage?.({ data: JSON.stringify({ serverTime, ...message }) });
  }
  ofType(type: string) {
    return this.sent.filter((m) => m.type === type);
  }
  saves() {
    return this.ofType('answer.save');
  }
}

type PartStatus = 'not-started' | 'running' | 'submitted' | 'expired';

const clock = (part: 1 | 2, status: PartStatus) => ({
  part,
  status,
  deadline: status === 'running' ? Date.now() + 60_000 : null,
  remainingMs: 60_000,
  allowedMs: 60_000,
});

/** A Part Two set of three vignettes, two to answer, with nothing stored yet. */
export function partTwoState(overrides: Partial<PartTwoState> = {}): PartTwoState {
  return {
    title: 'Clinical vignettes',
    instructions: 'Answer two.',
    requiredCount: 2,
    vignettes: [1, 2, 3].map((position) => ({
      position,
      title: `Vignette ${position}`,
      caseText: ['Case.'],
      prompts: ['Prompt?'],
    })),
    responses: [],
    chosen: [],
    choiceRevision: 0,
    policies: { spellcheck: false, paste: 'plain-text', wordLimit: null },
    ...overrides,
  };
}

export function welcome(
  options: {
    answers?: object[];
    maxSeq?: number;
    partOne?: PartStatus;
    partTwo?: PartStatus;
    partTwoState?: PartTwoState | null;
    attemptId?: string;
  } = {},
) {
  return {
    type: 'welcome',
    protocolVersion: PROTOCOL_VERSION,
    attempt: {
      attemptId: options.attemptId ?? 'attempt-1',
      sittingName: 'S',
      parts: [clock(1, options.partOne ?? 'running'), clock(2, options.partTwo ?? 'not-started')],
      questions: [{ position: 1, stem: 'Q', options: ['a', 'b', 'c', 'd'] }],
      answers: options.answers ?? [],
      maxSeq: options.maxSeq ?? 0,
      admitted: true,
      partTwo: options.partTwoState ?? null,
      partTwoProblem: null,
    },
  };
}

/** Welcome for a candidate in the middle of Part Two. */
export const partTwoWelcome = (
  state: Partial<PartTwoState> = {},
  partTwo: PartStatus = 'running',
) => welcome({ partOne: 'submitted', partTwo, partTwoState: partTwoState(state) });

export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

export function setup(options: { outbox?: Outbox; draftTiming?: DraftTiming } = {}) {
  const sockets: FakeSocket[] = [];
  const outbox = options.outbox ?? memoryOutbox();
  const client = new ExamClient({
    url: 'ws://test/ws/exam',
    outbox,
    draftTiming: options.draftTiming,
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
  });
  return { client, outbox, sockets };
}

/** A one-paragraph essay document. */
export const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** Lets queued promises (outbox writes, then sends) run without moving the (fake) clock. */
export const settle = () => vi.advanceTimersByTimeAsync(0);

/** A started client, welcomed into a running Part Two. */
export async function inPartTwo(welcomeState: Partial<PartTwoState> = {}) {
  const harness = setup();
  await harness.client.start();
  const socket = harness.sockets[0]!;
  socket.open();
  socket.receive(partTwoWelcome(welcomeState));
  await settle();
  return { ...harness, socket };
}
