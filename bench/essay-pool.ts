import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { concat, mergeCodes, requestReply, startTsxWorker } from './tsx-workers.js';
import type {
  EssayCommand,
  EssayConnectResult,
  EssayEditorSpec,
  EssayReply,
  EssayResult,
  EssayStoreResult,
  EssaySystem,
} from './essay-protocol.js';

const workerUrl = new URL('./essay-worker.ts', import.meta.url);

function request<R extends EssayReply>(worker: Worker, command: EssayCommand): Promise<R> {
  return requestReply<R>(worker, command, 'essay worker');
}

function merge(results: EssayResult[]): EssayResult {
  const codes = mergeCodes(results);
  const sum = (pick: (r: EssayResult) => number) => results.reduce((n, r) => n + pick(r), 0);
  return {
    kind: 'measured',
    editToDurable: concat(results.map((r) => r.editToDurable)),
    sendToDurable: concat(results.map((r) => r.sendToDurable)),
    keystrokes: sum((r) => r.keystrokes),
    unconfirmed: sum((r) => r.unconfirmed),
    frames: sum((r) => r.frames),
    confirmations: sum((r) => r.confirmations),
    bytesSent: sum((r) => r.bytesSent),
    bytesReceived: sum((r) => r.bytesReceived),
    codes,
    closed: sum((r) => r.closed),
    loopDelayP99Ms: Math.max(...results.map((r) => r.loopDelayP99Ms)),
    windowMs: Math.max(...results.map((r) => r.windowMs)),
  };
}

/** The simulated essay writers of one system, spread over worker threads. */
export class EssayPool {
  private closed = false;

  private constructor(private readonly workers: Worker[]) {}

  static start(count: number): EssayPool {
    return new EssayPool(Array.from({ length: count }, () => startTsxWorker(workerUrl)));
  }

  /** Connects every editor and puts its starting essay in place, `concurrency` at a time. */
  async connect(options: {
    system: EssaySystem;
    url: string;
    origin: string;
    seed: number;
    editors: EssayEditorSpec[];
    concurrency: number;
  }): Promise<EssayConnectResult> {
    const n = this.workers.length;
    const results = await Promise.all(
      this.workers.map((worker, i) =>
        request<EssayConnectResult>(worker, {
          kind: 'connect',
          ...options,
          editors: options.editors.filter((_, e) => e % n === i),
          concurrency: Math.max(1, Math.ceil(options.concurrency / n)),
        }),
      ),
    );
    return {
      kind: 'connected',
      connected: results.reduce((sum, r) => sum + r.connected, 0),
      failures: results.flatMap((r) => r.failures),
      words: results.reduce((sum, r) => sum + r.words, 0),
      initialBytes: results.reduce((sum, r) => sum + r.initialBytes, 0),
    };
  }

  /**
   * Every editor in every worker sends its whole starting essay at once; the time runs in this
   * thread from the command to the last worker's reply.
   */
  async store(): Promise<EssayStoreResult> {
    const began = performance.now();
    const results = await Promise.all(
      this.workers.map((worker) => request<EssayStoreResult>(worker, { kind: 'store' })),
    );
    return {
      kind: 'stored',
      stored: results.reduce((sum, r) => sum + r.stored, 0),
      failures: results.flatMap((r) => r.failures),
      initialBytes: results.reduce((sum, r) => sum + r.initialBytes, 0),
      ms: performance.now() - began,
    };
  }

  /** Sends a step ('begin', 'open', 'shut') to every worker and waits for all of them. */
  async step(kind: 'begin' | 'open' | 'shut'): Promise<void> {
    await Promise.all(this.workers.map((worker) => request(worker, { kind })));
  }

  async finish(drainMs: number): Promise<EssayResult> {
    const results = await Promise.all(
      this.workers.map((worker) => request<EssayResult>(worker, { kind: 'finish', drainMs })),
    );
    return merge(results);
  }

  /** Closes every editor and ends the workers; safe to call twice. */
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
