import type { Worker } from 'node:worker_threads';
import { concat, mergeCodes, requestReply, startTsxWorker } from './tsx-workers.js';
import type {
  ConnectResult,
  LoadResult,
  SpikeResult,
  WorkerCommand,
  WorkerReply,
} from './load-protocol.js';

const workerUrl = new URL('./load-worker.ts', import.meta.url);

function request<R extends WorkerReply>(worker: Worker, command: WorkerCommand): Promise<R> {
  return requestReply<R>(worker, command, 'load worker');
}

function mergeLoad(results: LoadResult[]): LoadResult {
  const codes = mergeCodes(results);
  const sum = (pick: (r: LoadResult) => number) => results.reduce((n, r) => n + pick(r), 0);
  return {
    kind: 'measured',
    latencies: concat(results.map((r) => r.latencies)),
    sent: sum((r) => r.sent),
    ackedInWindow: sum((r) => r.ackedInWindow),
    unacked: sum((r) => r.unacked),
    rejected: sum((r) => r.rejected),
    codes,
    closed: sum((r) => r.closed),
    loopDelayP99Ms: Math.max(...results.map((r) => r.loopDelayP99Ms)),
    windowMs: results[0]?.windowMs ?? 0,
  };
}

/** The simulated candidates, spread over a few worker threads; every call fans out to all. */
export class LoadPool {
  private closed = false;

  private constructor(private readonly workers: Worker[]) {}

  static start(count: number): LoadPool {
    return new LoadPool(Array.from({ length: count }, () => startTsxWorker(workerUrl)));
  }

  /** Connects and starts Part One for each token, `concurrency` at a time in total. */
  async connect(options: { url: string; origin: string; tokens: string[]; concurrency: number }) {
    const n = this.workers.length;
    const results = await Promise.all(
      this.workers.map((worker, i) =>
        request<ConnectResult>(worker, {
          kind: 'connect',
          url: options.url,
          origin: options.origin,
          tokens: options.tokens.filter((_, t) => t % n === i),
          concurrency: Math.max(1, Math.ceil(options.concurrency / n)),
        }),
      ),
    );
    return {
      connected: results.reduce((sum, r) => sum + r.connected, 0),
      startMs: concat(results.map((r) => r.startMs)),
      failures: results.flatMap((r) => r.failures),
    };
  }

  /** Every token's candidate arrives once within `windowMs`, evenly spread (open loop). */
  async spike(options: { url: string; origin: string; tokens: string[]; windowMs: number }) {
    const n = this.workers.length;
    const results = await Promise.all(
      this.workers.map((worker, i) =>
        request<SpikeResult>(worker, {
          kind: 'spike',
          url: options.url,
          origin: options.origin,
          tokens: options.tokens.filter((_, t) => t % n === i),
          windowMs: options.windowMs,
        }),
      ),
    );
    return {
      connected: results.reduce((sum, r) => sum + r.connected, 0),
      startMs: concat(results.map((r) => r.startMs)),
      welcomeBytes: concat(results.map((r) => r.welcomeBytes)),
      wallMs: Math.max(0, ...results.map((r) => r.wallMs)),
      // The worst worker's: one lagging worker delays every candidate it holds.
      loopDelayP99Ms: Math.max(0, ...results.map((r) => r.loopDelayP99Ms)),
      loopDelayMaxMs: Math.max(0, ...results.map((r) => r.loopDelayMaxMs)),
      failures: results.flatMap((r) => r.failures),
    };
  }

  async paced(options: { intervalMs: number; warmupMs: number; measureMs: number }) {
    const results = await Promise.all(
      this.workers.map((worker) => request<LoadResult>(worker, { kind: 'paced', ...options })),
    );
    return mergeLoad(results);
  }

  async saturate(options: { outstanding: number; warmupMs: number; measureMs: number }) {
    const n = this.workers.length;
    const results = await Promise.all(
      this.workers.map((worker) =>
        request<LoadResult>(worker, {
          kind: 'saturate',
          warmupMs: options.warmupMs,
          measureMs: options.measureMs,
          outstanding: Math.ceil(options.outstanding / n),
        }),
      ),
    );
    return mergeLoad(results);
  }

  /** Closes every socket and ends the workers; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(
      this.workers.map(async (worker) => {
        const timeout = new Promise((resolve) => setTimeout(resolve, 5000).unref());
        await Promise.race([request(worker, { kind: 'close' }).catch(() => undefined), timeout]);
        await worker.terminate();
      }),
    );
  }
}
