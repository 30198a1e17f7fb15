import { MAX_ESSAY_BYTES, MAX_STEPS_PER_PATCH } from '../editor/limits.js';

// The limits a client sizes its drafts and patches by, with the frames they travel in.
export { MAX_ESSAY_BYTES, MAX_STEPS_PER_PATCH };

/**
 * The candidate websocket contract, written once and parsed on both sides.
 *
 * PROTOCOL_VERSION change log:
 * 1 - hello/welcome, answer.save/ack/rejected, part.start/part.submit, clock.update, part.closed.
 * 2 - Part Two: draft.save/ack/rejected, choice.set/ack/rejected, paste.record; welcome carries
 *     admission and the Part Two set, and is sent again whenever either changes.
 * 3 - welcome carries the attemptId, so a device's outbox never replays into another attempt.
 * 4 - draft.patch: the editor's changes since a revision the server holds, acknowledged (or
 *     refused) with draft.ack/draft.rejected like a whole draft.
 * 5 - Late changes: answer.save and draft.save carry `madeAt` (the client's claim, evidence
 *     only); a change past the deadline and grace is held for a proctor and answered with
 *     answer.held/draft.held (code LATE_HELD), never an ack; the welcome lists held changes and
 *     their decisions.
 * 6 - choice.set carries `madeAt` too; a choice of vignettes past the deadline and grace is held
 *     like a late answer (choice.held, code LATE_HELD; kind 'choice', position 0, in the welcome).
 * 7 - Same-device resume: hello may carry `device.publicKey`; the server then sends
 *     device.challenge { nonce } and waits for device.prove { signature } before opening the
 *     attempt. A proven key registered with the attempt needs no resume code (device-proof.ts).
 * 8 - Candidate tools (candidate-tools.ts): tools.save (struck options, highlights, a note per
 *     question or vignette) answered by tools.ack/tools.rejected, display.set (larger text, high
 *     contrast) by display.ack/display.rejected; the welcome restores `tools` and
 *     `displayPreference`. Part One frames may now be 16 KiB (a note travels in one).
 *     Later, without a new version (an older client reads the welcome as before and shows the
 *     refusal's message): the welcome carries `roomPaused`, and part.start is refused with
 *     ROOM_PAUSED while the proctor has paused the whole room; the room's pause and resume send
 *     the welcome again to every candidate whose clock they did not change.
 */
export const PROTOCOL_VERSION = 8;

/**
 * Part One answer frames are tiny, but a question's notes pad (at most NOTE_MAX_CHARS) travels
 * in one frame too; anything larger is refused before parsing.
 */
export const PART_ONE_MAX_FRAME_BYTES = 16 * 1024;

/** A draft frame carries a whole essay document plus a small envelope. */
export const DRAFT_MAX_FRAME_BYTES = MAX_ESSAY_BYTES + 4 * 1024;

/**
 * The least time between two of the client's `draft.patch` frames for a vignette: a keystroke
 * waits at most this long to leave. At 200 ms a candidate typing 3-5 characters a second sent
 * nearly one frame per keystroke, and each frame costs the server a receive, a row, a commit's
 * share and an ack whatever it carries (issue 23: twice Hocuspocus's CPU per keystroke and 1.3-1.6
 * times its WAL). At 500 ms a frame carried about two keystrokes, and the frames' fixed costs were
 * still most of the server's CPU per keystroke (1.0-1.3 times Hocuspocus's at 250 editors); at
 * 800 ms a frame carries three or four, the server spends about a third less per keystroke, and a
 * keystroke is still durable within a second (the bench's p99 is the interval plus the commit).
 * What the candidate typed is kept on the device meanwhile (the journal), as it always was. The
 * bench's editors send at this interval too (bench/essay-ours-editor.ts).
 */
export const DRAFT_PATCH_INTERVAL_MS = 800;

// Each message is defined in exactly one of these; this file stays the contract's front door
// (version, change log, frame limits), so `./messages.js` still names the whole contract.
export * from './welcome.js';
export * from './client-messages.js';
export * from './server-messages.js';
