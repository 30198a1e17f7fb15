import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { PROTOCOL_VERSION, type ServerMessage } from '@exam/shared/protocol';
import type {
  ConnectResult,
  LoadResult,
  SpikeResult,
  WorkerCommand,
  WorkerReply,
} from './load-protocol.js';
import { WireSocket } from './wire-socket.js';

/** How every welcome frame begins (the server writes `type` first). */
const WELCOME_PREFIX = Buffer.from('{"type":"welcome"');

const QUESTIONS = 60;
const START_TIMEOUT_MS = 120_000;
const DRAIN_TIMEOUT_MS = 10_000;
const TICK_MS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One measurement: what happened to the saves sent inside [start, end). */
class Run {
  readonly latencies: number[] = [];
  sent = 0;
  ackedInWindow = 0;
  rejected = 0;
  closed = 0;
  readonly codes: Record<string, number> = {};
  onAck: ((candidate: Candidate) => void) | undefined;
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}
  inWindow(t: number): boolean {
    return t >= this.start && t < this.end;
  }
  count(code: string): void {
    this.codes[code] = (this.codes[code] ?? 0) + 1;
  }
}

let run: Run | undefined;
const candidates: Candidate[] = [];

/**
 * One simulated candidate. Deliberately lean: frames are built as strings and parsed with
 * JSON.parse only (no schema), so the load generator spends its CPU on sockets, not on itself.
 */
class Candidate {
  seq = 1;
  open = true;
  started = false;
  /** Size of the first welcome frame: the form and the state a starting candidate downloads. */
  welcomeBytes = 0;
  readonly pending = new Map<number, number>();
  onStarted: (() => void) | undefined;
  onFailure: ((why: string) => void) | undefined;
  /** Set once the upgrade has been answered. */
  ws: WireSocket | undefined;

  save(): void {
    if (!this.open || !this.ws) return;
    const seq = this.seq++;
    const position = 1 + Math.floor(Math.random() * QUESTIONS);
    const pick = Math.floor(Math.random() * 5);
    const choice = pick === 4 ? 'null' : String(pick);
    const now = performance.now();
    this.pending.set(seq, now);
    if (run?.inWindow(now)) run.sent += 1;
    this.ws.send(
      `{"type":"answer.save","seq":${seq},"position":${position},"choice":${choice},"flagged":${pick === 0}}`,
    );
  }

  handle(data: Buffer): void {
    // The welcome is the one large frame (the whole form): its size and last sequence number are
    // all a simulated candidate needs, so it is not parsed whole. 5,000 browsers parse theirs on
    // their own machines; here that work would come out of the cores the server is measured on.
    if (data.subarray(0, WELCOME_PREFIX.length).equals(WELCOME_PREFIX)) {
      if (this.welcomeBytes === 0) this.welcomeBytes = data.length;
      // Inside a JSON string the quotes are escaped, so only the field itself matches.
      const maxSeq = /"maxSeq":(\d+)/.exec(data.toString('latin1'));
      if (!maxSeq) throw new Error('a welcome without maxSeq');
      this.seq = Number(maxSeq[1]) + 1;
      return;
    }
    const message = JSON.parse(data.toString()) as ServerMessage;
    switch (message.type) {
      case 'answer.ack':
      case 'answer.rejected': {
        const sentAt = this.pending.get(message.seq);
        if (sentAt === undefined) return;
        this.pending.delete(message.seq);
        if (!run) return;
        const now = performance.now();
        if (message.type === 'answer.ack') {
          if (run.inWindow(now)) run.ackedInWindow += 1;
          if (run.inWindow(sentAt)) run.latencies.push(now - sentAt);
        } else {
          run.rejected += 1;
          run.count(message.code);
        }
        run.onAck?.(this);
        return;
      }
      case 'welcome':
        // Only if the server ever wrote another field before `type`.
        if (this.welcomeBytes === 0) this.welcomeBytes = data.length;
        this.seq = message.attempt.maxSeq + 1;
        return;
      case 'clock.update':
        if (!this.started && message.clock.part === 1 && message.clock.status === 'running') {
          this.started = true;
          this.onStarted?.();
        }
        return;
      case 'error':
        if (!this.started) this.onFailure?.(`${message.code}: ${message.message}`);
        else run?.count(message.code);
        return;
      default:
        return;
    }
  }
}

interface Started {
  ms: number;
  welcomeBytes: number;
}

function connectOne(url: string, origin: string, token: string): Promise<Started> {
  const began = performance.now();
  const candidate = new Candidate();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => candidate.onFailure?.('timed out starting'), START_TIMEOUT_MS);
    candidate.onFailure = (why) => {
      clearTimeout(timer);
      candidate.onFailure = undefined;
      candidate.open = false;
      candidate.ws?.terminate();
      reject(new Error(why));
    };
    candidate.onStarted = () => {
      clearTimeout(timer);
      candidates.push(candidate);
      resolve({ ms: performance.now() - began, welcomeBytes: candidate.welcomeBytes });
    };
    WireSocket.connect(
      url,
      { origin, cookie: `sid=${token}` },
      {
        message: (data) => candidate.handle(data),
        error: (error) => candidate.onFailure?.(error.message),
        close: (code) => {
          if (!candidate.started)
            candidate.onFailure?.(`closed with ${code} before the part started`);
          else if (candidate.open && run) run.closed += 1;
          candidate.open = false;
        },
      },
    ).then(
      (ws) => {
        candidate.ws = ws;
        ws.send(
          JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, lastAckedSeq: 0 }),
        );
        ws.send(JSON.stringify({ type: 'part.start', part: 1 }));
      },
      (error: unknown) =>
        candidate.onFailure?.(error instanceof Error ? error.message : String(error)),
    );
  });
}

async function connect(
  command: Extract<WorkerCommand, { kind: 'connect' }>,
): Promise<ConnectResult> {
  const startMs: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const lane = async () => {
    while (next < command.tokens.length) {
      const token = command.tokens[next++] ?? '';
      try {
        startMs.push((await connectOne(command.url, command.origin, token)).ms);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, lane));
  return {
    kind: 'connected',
    connected: startMs.length,
    startMs: Float64Array.from(startMs),
    failures,
  };
}

/** Every candidate opens at its moment in the window, without waiting for the ones before. */
async function spike(command: Extract<WorkerCommand, { kind: 'spike' }>): Promise<SpikeResult> {
  const startMs: number[] = [];
  const welcomeBytes: number[] = [];
  const failures: string[] = [];
  const gapMs = command.windowMs / Math.max(1, command.tokens.length);
  // A generator that lags opens sockets late and reads frames late: its delays count as starts'.
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  let last = t0;
  const starts: Promise<void>[] = [];
  // SPIKE_DUMP=file: each start's [arrival index, ms], to see when in the window time was lost.
  const dump: [number, number][] = [];
  for (let i = 0; i < command.tokens.length; i += 1) {
    const due = t0 + i * gapMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    starts.push(
      connectOne(command.url, command.origin, command.tokens[i] ?? '').then(
        (started) => {
          if (process.env.SPIKE_DUMP) dump.push([i, Math.round(started.ms)]);
          startMs.push(started.ms);
          welcomeBytes.push(started.welcomeBytes);
          last = Math.max(last, performance.now());
        },
        (error: unknown) => {
          failures.push(error instanceof Error ? error.message : String(error));
        },
      ),
    );
  }
  await Promise.all(starts);
  if (process.env.SPIKE_DUMP) writeFileSync(process.env.SPIKE_DUMP, JSON.stringify(dump));
  delay.disable();
  return {
    kind: 'spiked',
    connected: startMs.length,
    startMs: Float64Array.from(startMs),
    welcomeBytes: Float64Array.from(welcomeBytes),
    wallMs: last - t0,
    loopDelayP99Ms: delay.count > 0 ? delay.percentile(99) / 1e6 : 0,
    loopDelayMaxMs: delay.count > 0 ? delay.max / 1e6 : 0,
    failures,
  };
}

/** Runs `drive` for warm-up plus window, then waits for the window's saves to be acked. */
async function measure(
  warmupMs: number,
  measureMs: number,
  drive: (current: Run, t0: number) => Promise<void>,
): Promise<LoadResult> {
  const t0 = performance.now();
  const current = new Run(t0 + warmupMs, t0 + warmupMs + measureMs);
  run = current;
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const enableAtWindow = setTimeout(() => delay.enable(), warmupMs);
  await drive(current, t0);
  clearTimeout(enableAtWindow);
  delay.disable();
  const inWindow = () => {
    let count = 0;
    for (const c of candidates)
      for (const sentAt of c.pending.values()) if (current.inWindow(sentAt)) count += 1;
    return count;
  };
  const drainUntil = performance.now() + DRAIN_TIMEOUT_MS;
  while (inWindow() > 0 && performance.now() < drainUntil) await sleep(50);
  current.onAck = undefined;
  run = undefined;
  const loopDelayP99Ms = delay.count > 0 ? delay.percentile(99) / 1e6 : 0;
  return {
    kind: 'measured',
    latencies: Float64Array.from(current.latencies),
    sent: current.sent,
    ackedInWindow: current.ackedInWindow,
    unacked: inWindow(),
    rejected: current.rejected,
    codes: current.codes,
    closed: current.closed,
    loopDelayP99Ms,
    windowMs: measureMs,
  };
}

function paced(command: Extract<WorkerCommand, { kind: 'paced' }>): Promise<LoadResult> {
  const live = candidates.filter((c) => c.open);
  return measure(command.warmupMs, command.measureMs, async (current, t0) => {
    if (live.length === 0) return;
    // Round-robin at a steady aggregate rate: each candidate saves exactly once per interval.
    const perMs = live.length / command.intervalMs;
    let issued = 0;
    let cursor = 0;
    while (performance.now() < current.end) {
      const due = Math.floor((performance.now() - t0) * perMs);
      for (; issued < due; issued += 1) {
        live[cursor]?.save();
        cursor = (cursor + 1) % live.length;
      }
      await sleep(TICK_MS);
    }
  });
}

function saturate(command: Extract<WorkerCommand, { kind: 'saturate' }>): Promise<LoadResult> {
  const chosen = candidates.filter((c) => c.open).slice(0, command.outstanding);
  return measure(command.warmupMs, command.measureMs, async (current) => {
    current.onAck = (candidate) => {
      if (performance.now() < current.end) candidate.save();
    };
    for (const candidate of chosen) candidate.save();
    await sleep(Math.max(0, current.end - performance.now()));
  });
}

async function execute(command: WorkerCommand): Promise<WorkerReply> {
  switch (command.kind) {
    case 'connect':
      return connect(command);
    case 'spike':
      return spike(command);
    case 'paced':
      return paced(command);
    case 'saturate':
      return saturate(command);
    case 'close':
      for (const candidate of candidates) {
        candidate.open = false;
        candidate.ws?.terminate();
      }
      candidates.length = 0;
      return { kind: 'closed' };
  }
}

parentPort?.on('message', (command: WorkerCommand) => {
  execute(command).then(
    (reply) => {
      // The sample arrays are handed over, not copied.
      const samples =
        'latencies' in reply ? reply.latencies : 'startMs' in reply ? reply.startMs : undefined;
      parentPort?.postMessage(reply, samples ? [samples.buffer as ArrayBuffer] : []);
    },
    (error: unknown) =>
      parentPort?.postMessage({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
