/** Commands the bench's main thread sends to a load worker, one at a time. */
export type WorkerCommand =
  | { kind: 'connect'; url: string; origin: string; tokens: string[]; concurrency: number }
  /** Open loop: every candidate saves once per `intervalMs`, whatever the acks do. */
  | { kind: 'paced'; intervalMs: number; warmupMs: number; measureMs: number }
  /** Closed loop: `outstanding` candidates each send their next save as soon as one is acked. */
  | { kind: 'saturate'; outstanding: number; warmupMs: number; measureMs: number }
  /**
   * Open loop: candidate i opens its socket at i * windowMs / tokens.length (the proctor opened
   * the sitting and everyone arrives within the window), whatever the earlier ones are doing.
   */
  | { kind: 'spike'; url: string; origin: string; tokens: string[]; windowMs: number }
  | { kind: 'close' };

export interface ConnectResult {
  kind: 'connected';
  connected: number;
  /** Open -> welcome -> part running, per candidate, in ms. */
  startMs: Float64Array;
  failures: string[];
}

export interface SpikeResult {
  kind: 'spiked';
  connected: number;
  /** Open -> welcome -> part.start acknowledged (clock running), per candidate, in ms. */
  startMs: Float64Array;
  /** Bytes of each started candidate's first welcome frame. */
  welcomeBytes: Float64Array;
  /** From the first socket opened to the last candidate started, in ms. */
  wallMs: number;
  /** The worker's own event-loop delay over the spike, p99 and max, in ms. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  failures: string[];
}

export interface LoadResult {
  kind: 'measured';
  /** Send -> answer.ack in ms, for saves sent inside the measured window. */
  latencies: Float64Array;
  /** Saves sent inside the window. */
  sent: number;
  /** Acks received inside the window (throughput). */
  ackedInWindow: number;
  /** Saves sent in the window and not acked before the drain timeout. */
  unacked: number;
  rejected: number;
  /** Error and rejection codes with their counts. */
  codes: Record<string, number>;
  /** Sockets the server closed during the run. */
  closed: number;
  /** p99 event-loop delay of the worker in the window: the client's own share of latency. */
  loopDelayP99Ms: number;
  windowMs: number;
}

export type WorkerReply =
  | ConnectResult
  | SpikeResult
  | LoadResult
  | { kind: 'closed' }
  | { kind: 'failed'; message: string };
