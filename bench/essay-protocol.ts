/** The two systems the essay section compares. */
export type EssaySystem = 'ours' | 'hocuspocus';

/**
 * What the bench's Hocuspocus server broadcasts (a stateless message) after each stored state has
 * committed: for each Yjs client, the clock that state includes. Keystrokes at or below it are
 * durable.
 */
export const DURABLE_NOTICE = 'bench.durable';
export interface DurableNotice {
  type: typeof DURABLE_NOTICE;
  clocks: Record<string, number>;
}

export interface EssayEditorSpec {
  /** Position in the run: picks the editor's document and keystrokes (the same for both systems). */
  index: number;
  /** Our server's session token; Hocuspocus needs none. */
  token?: string;
}

/** Commands the bench's main thread sends to an essay worker, one at a time. */
export type EssayCommand =
  | {
      kind: 'connect';
      system: EssaySystem;
      url: string;
      origin: string;
      seed: number;
      editors: EssayEditorSpec[];
      concurrency: number;
    }
  /** Every editor sends its whole starting essay at once and waits until it is stored. */
  | { kind: 'store' }
  /** Every editor starts typing (and keeps typing until `finish`). */
  | { kind: 'begin' }
  /** The measured window starts now: keystrokes from here on are measured. */
  | { kind: 'open' }
  /** The measured window ends now. */
  | { kind: 'shut' }
  /** Waits until the window's keystrokes are durable (or `drainMs` passes), then stops typing. */
  | { kind: 'finish'; drainMs: number }
  | { kind: 'close' };

export interface EssayConnectResult {
  kind: 'connected';
  connected: number;
  failures: string[];
  /** Words in the starting documents, all editors together. */
  words: number;
  /** Bytes of the starting documents as each system first sent them (set by `store`). */
  initialBytes: number;
}

/** Every editor's whole starting essay stored: how long from the first send to the last store. */
export interface EssayStoreResult {
  kind: 'stored';
  stored: number;
  failures: string[];
  initialBytes: number;
  ms: number;
}

export interface EssayResult {
  kind: 'measured';
  /** Keystroke -> durable confirmation in this process, ms, one per keystroke of the window. */
  editToDurable: Float64Array;
  /** The keystroke's first send (the save or update carrying it) -> durable confirmation, ms. */
  sendToDurable: Float64Array;
  /** Keystrokes typed inside the window. */
  keystrokes: number;
  /** Keystrokes of the window not confirmed durable before the drain ended. */
  unconfirmed: number;
  /** Frames sent inside the window: draft.patch and draft.save for ours, sync updates for Hocuspocus. */
  frames: number;
  /** Durable confirmations received inside the window (draft.ack; stored-state notices). */
  confirmations: number;
  /** Bytes on the sockets (websocket frames with their headers) inside the window. */
  bytesSent: number;
  bytesReceived: number;
  /** Refusals and errors, by code. */
  codes: Record<string, number>;
  /** Sockets that closed during the run. */
  closed: number;
  /** p99 event-loop delay of the worker in the window: the client's own share of latency. */
  loopDelayP99Ms: number;
  windowMs: number;
}

export type EssayReply =
  | EssayConnectResult
  | EssayStoreResult
  | EssayResult
  | { kind: 'done' }
  | { kind: 'failed'; message: string };
