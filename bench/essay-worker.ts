import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { Recorder, type EssayEditor } from './essay-editor.js';
import { HocuspocusEditor } from './essay-hocuspocus-editor.js';
import { OursEditor } from './essay-ours-editor.js';
import type {
  EssayCommand,
  EssayConnectResult,
  EssayReply,
  EssayResult,
  EssayStoreResult,
} from './essay-protocol.js';
import { editorSeed, seededRandom, startingEssay, TypingModel } from './essay-text.js';

/** Holds some of the essay editors of one system and types for them when bench/essay-pool.ts says. */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Typist {
  editor: EssayEditor;
  model: TypingModel;
  timer: ReturnType<typeof setTimeout> | undefined;
}

let recorder = new Recorder();
let typists: Typist[] = [];
let typing = false;
const delay = monitorEventLoopDelay({ resolution: 5 });
let windowBytes = { sent: 0, received: 0 };

function socketBytes(): { sent: number; received: number } {
  const total = { sent: 0, received: 0 };
  for (const { editor } of typists) {
    const bytes = editor.bytes();
    total.sent += bytes.sent;
    total.received += bytes.received;
  }
  return total;
}

async function connect(
  command: Extract<EssayCommand, { kind: 'connect' }>,
): Promise<EssayConnectResult> {
  recorder = new Recorder();
  typists = [];
  const failures: string[] = [];
  let words = 0;
  let next = 0;
  const lane = async () => {
    while (next < command.editors.length) {
      const spec = command.editors[next++];
      if (!spec) continue;
      const essay = startingEssay(seededRandom(editorSeed(command.seed, spec.index, 'doc')));
      try {
        const editor =
          command.system === 'ours'
            ? await OursEditor.connect({
                url: command.url,
                origin: command.origin,
                token: spec.token ?? '',
                paragraphs: essay.paragraphs,
                recorder,
              })
            : await HocuspocusEditor.connect({
                url: command.url,
                name: `essay-${spec.index}`,
                paragraphs: essay.paragraphs,
                recorder,
              });
        typists.push({
          editor,
          model: new TypingModel(editorSeed(command.seed, spec.index, 'typing')),
          timer: undefined,
        });
        words += essay.words;
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, lane));
  return { kind: 'connected', connected: typists.length, failures, words, initialBytes: 0 };
}

/**
 * Every editor sends its whole starting essay at once, as every client does after a server
 * restart, and this waits until each is stored; editors whose essay was not stored are dropped.
 */
async function storeStart(): Promise<EssayStoreResult> {
  const failures: string[] = [];
  let initialBytes = 0;
  const began = performance.now();
  const outcomes = await Promise.all(
    typists.map((typist) =>
      typist.editor.storeStart().then(
        (bytes) => {
          initialBytes += bytes;
          return true;
        },
        (error: unknown) => {
          failures.push(error instanceof Error ? error.message : String(error));
          return false;
        },
      ),
    ),
  );
  const ms = performance.now() - began;
  typists = typists.filter((_, i) => outcomes[i]);
  return { kind: 'stored', stored: typists.length, failures, initialBytes, ms };
}

function typeNext(typist: Typist): void {
  if (!typing || !typist.editor.open) return;
  const { delayMs, key } = typist.model.next();
  typist.timer = setTimeout(() => {
    typist.editor.type(key);
    typeNext(typist);
  }, delayMs);
}

function stopTyping(): void {
  typing = false;
  for (const typist of typists) clearTimeout(typist.timer);
}

const pendingInWindow = () => typists.reduce((n, t) => n + t.editor.pendingInWindow(), 0);

async function finish(drainMs: number): Promise<EssayResult> {
  const until = performance.now() + drainMs;
  // Typing goes on while the window's keystrokes drain, so the load does not change under them.
  while (pendingInWindow() > 0 && performance.now() < until) await sleep(100);
  stopTyping();
  return {
    kind: 'measured',
    editToDurable: Float64Array.from(recorder.editToDurable),
    sendToDurable: Float64Array.from(recorder.sendToDurable),
    keystrokes: recorder.keystrokes,
    unconfirmed: pendingInWindow(),
    frames: recorder.frames,
    confirmations: recorder.confirmations,
    bytesSent: windowBytes.sent,
    bytesReceived: windowBytes.received,
    codes: recorder.codes,
    closed: recorder.closed,
    loopDelayP99Ms: delay.count > 0 ? delay.percentile(99) / 1e6 : 0,
    windowMs: recorder.end - recorder.start,
  };
}

async function execute(command: EssayCommand): Promise<EssayReply> {
  switch (command.kind) {
    case 'connect':
      return connect(command);
    case 'store':
      return storeStart();
    case 'begin':
      typing = true;
      for (const typist of typists) typeNext(typist);
      return { kind: 'done' };
    case 'open':
      recorder.start = performance.now();
      windowBytes = socketBytes();
      delay.reset();
      delay.enable();
      return { kind: 'done' };
    case 'shut': {
      recorder.end = performance.now();
      const bytes = socketBytes();
      windowBytes = {
        sent: bytes.sent - windowBytes.sent,
        received: bytes.received - windowBytes.received,
      };
      delay.disable();
      return { kind: 'done' };
    }
    case 'finish':
      return finish(command.drainMs);
    case 'close':
      stopTyping();
      for (const { editor } of typists) editor.close();
      typists = [];
      return { kind: 'done' };
  }
}

parentPort?.on('message', (command: EssayCommand) => {
  execute(command).then(
    (reply) => {
      const transfer =
        reply.kind === 'measured'
          ? [reply.editToDurable.buffer as ArrayBuffer, reply.sendToDurable.buffer as ArrayBuffer]
          : [];
      parentPort?.postMessage(reply, transfer);
    },
    (error: unknown) =>
      parentPort?.postMessage({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
