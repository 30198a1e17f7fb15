import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import type {
  ConnectResult,
  LoadResult,
  SpikeResult,
  WorkerCommand,
  WorkerReply,
} from './load-protocol.js';
import { type Candidate, connectOne, measuring, Run } from './load-candidate.js';

const DRAIN_TIMEOUT_MS = 10_000;
const TICK_MS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const candidates: Candidate[] = [];
const keep = (candidate: Candidate) => candidates.push(candidate);

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
        startMs.push((await connectOne(command.url, command.origin, token, keep)).ms);
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
      connectOne(command.url, command.origin, command.tokens[i] ?? '', keep).then(
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
  measuring.run = current;
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
  measuring.run = undefined;
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
