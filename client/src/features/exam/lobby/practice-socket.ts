import {
  applyEssaySteps,
  countWords,
  getEssaySchema,
  type WordCountable,
} from '@exam/shared/editor';
import {
  PROTOCOL_VERSION,
  parseClientMessage,
  type ClientMessage,
  type DraftPatch,
  type PartClock,
  type ServerMessage,
  type StoredAnswer,
  type StoredResponse,
  toolsKey,
  type DisplayPreference,
  type ItemTools,
} from '@exam/shared/protocol';
import type { ErrorCode } from '@exam/shared/errors';
import type { SocketLike } from '../exam-connection';
import { PRACTICE_PART_MS, practicePartTwo, practiceQuestions } from './practice-content';

type Outgoing = ServerMessage extends infer M
  ? M extends ServerMessage
    ? Omit<M, 'serverTime'>
    : never
  : never;

interface PracticePart {
  status: 'not-started' | 'running' | 'submitted' | 'expired';
  deadline: number | null;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const OPEN = 1;
const CLOSED = 3;

/**
 * The practice run's stand-in for the server, in the browser: it speaks the exam protocol to a
 * real ExamClient, so the practice goes through the same client and the same runners as the
 * exam. Nothing leaves the page and nothing is scored.
 */
export class PracticeSocket implements SocketLike {
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  private readonly answers = new Map<number, StoredAnswer>();
  private readonly responses = new Map<number, StoredResponse>();
  private chosen: number[] = [];
  private choiceRevision = 0;
  private readonly tools = new Map<string, ItemTools>();
  private displayPreference: DisplayPreference = {
    revision: 0,
    largeText: false,
    highContrast: false,
  };
  private readonly parts: Record<1 | 2, PracticePart> = {
    1: { status: 'not-started', deadline: null, timer: undefined },
    2: { status: 'not-started', deadline: null, timer: undefined },
  };

  constructor() {
    setTimeout(() => {
      if (this.readyState !== 0) return;
      this.readyState = OPEN;
      this.onopen?.({});
    }, 0);
  }

  send(data: string): void {
    const parsed = parseClientMessage(data);
    // Answer as a server would: a moment later, never inside the caller's stack.
    if (parsed.ok) setTimeout(() => this.receive(parsed.message), 0);
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    for (const part of Object.values(this.parts)) clearTimeout(part.timer);
    this.onclose?.({ code, reason });
  }

  private push(message: Outgoing): void {
    if (this.readyState !== OPEN) return;
    this.onmessage?.({ data: JSON.stringify({ ...message, serverTime: Date.now() }) });
  }

  private clock(part: 1 | 2): PartClock {
    const { status, deadline } = this.parts[part];
    const allowedMs = PRACTICE_PART_MS[part];
    const remainingMs =
      status === 'running' && deadline !== null
        ? Math.max(0, deadline - Date.now())
        : status === 'not-started'
          ? allowedMs
          : 0;
    return {
      part,
      status,
      deadline: status === 'running' ? deadline : null,
      remainingMs,
      allowedMs,
    };
  }

  private welcome(): void {
    const partOneClosed =
      this.parts[1].status !== 'not-started' && this.parts[1].status !== 'running';
    this.push({
      type: 'welcome',
      protocolVersion: PROTOCOL_VERSION,
      attempt: {
        attemptId: 'practice',
        sittingName: 'Practice run',
        parts: [this.clock(1), this.clock(2)],
        questions: practiceQuestions,
        answers: [...this.answers.values()],
        maxSeq: Math.max(0, ...[...this.answers.values()].map((a) => a.seq)),
        admitted: true,
        lateChanges: [],
        partTwo: partOneClosed
          ? {
              ...practicePartTwo,
              responses: [...this.responses.values()],
              chosen: this.chosen,
              choiceRevision: this.choiceRevision,
            }
          : null,
        partTwoProblem: null,
        display: { largeText: false, highContrast: false, breaks: false },
        tools: [...this.tools.values()],
        displayPreference: this.displayPreference,
        // The practice has no proctor and no room to pause.
        roomPaused: false,
      },
    });
  }

  private closePart(part: 1 | 2, status: 'submitted' | 'expired'): void {
    const state = this.parts[part];
    if (state.status !== 'running') return;
    clearTimeout(state.timer);
    state.status = status;
    state.deadline = null;
    const reason = status === 'expired' ? 'time is up' : 'submitted';
    this.push({ type: 'part.closed', part, status, reason });
    if (part === 1) this.welcome();
  }

  private receive(message: ClientMessage): void {
    switch (message.type) {
      case 'hello':
        return this.welcome();
      case 'time.sync':
        return this.push({ type: 'time.sync', clientSentAt: message.clientSentAt });
      case 'part.start': {
        const state = this.parts[message.part];
        if (state.status === 'not-started') {
          state.status = 'running';
          state.deadline = Date.now() + PRACTICE_PART_MS[message.part];
          state.timer = setTimeout(
            () => this.closePart(message.part, 'expired'),
            PRACTICE_PART_MS[message.part],
          );
        }
        return this.push({
          type: 'clock.update',
          clock: this.clock(message.part),
          reason: 'started',
        });
      }
      case 'part.submit':
        return this.closePart(message.part, 'submitted');
      case 'answer.save': {
        if (this.parts[1].status !== 'running') {
          const code = 'PART_CLOSED';
          return this.push({
            type: 'answer.rejected',
            seq: message.seq,
            code,
            message: 'Part One is closed.',
          });
        }
        const { position, choice, flagged, seq } = message;
        const current = this.answers.get(position);
        if (!current || current.seq < seq)
          this.answers.set(position, { position, choice, flagged, seq });
        return this.push({ type: 'answer.ack', seq });
      }
      case 'draft.save': {
        const { vignette, revision, doc } = message;
        const words = countWords(doc as WordCountable);
        this.responses.set(vignette, { vignette, revision, doc, words });
        return this.push({ type: 'draft.ack', vignette, revision });
      }
      case 'draft.patch':
        return this.patch(message);
      case 'choice.set':
        this.chosen = message.chosen;
        this.choiceRevision = message.revision;
        return this.push({ type: 'choice.ack', revision: message.revision });
      case 'tools.save': {
        // The practice keeps the tools like the server does, so the candidate can try them.
        const { type: _type, madeAt: _madeAt, ...tools } = message;
        const key = toolsKey(tools.target, tools.position);
        if ((this.tools.get(key)?.revision ?? 0) < tools.revision) this.tools.set(key, tools);
        const { target, position, revision } = tools;
        return this.push({ type: 'tools.ack', target, position, revision });
      }
      case 'display.set': {
        const { revision, largeText, highContrast } = message;
        if (this.displayPreference.revision < revision)
          this.displayPreference = { revision, largeText, highContrast };
        return this.push({ type: 'display.ack', revision });
      }
      case 'paste.record':
        return;
      case 'device.prove':
        // The practice exam lives on this page: there is no other device to tell it from.
        return;
    }
  }

  /**
   * Applies a patch to the response it builds on, as the server does, so the practice keeps the
   * candidate's text; a patch it cannot apply is refused and the client sends the whole draft.
   */
  private patch(message: DraftPatch): void {
    const { vignette, base, revision, size, steps } = message;
    const refuse = (code: ErrorCode, text: string) =>
      this.push({ type: 'draft.rejected', vignette, revision, code, message: text });
    const stored = this.responses.get(vignette);
    // The same frame again: already applied.
    if (stored && revision <= stored.revision)
      return this.push({ type: 'draft.ack', vignette, revision });
    if (!stored || stored.revision !== base)
      return refuse(
        'PATCH_BASE_MISMATCH',
        'That change builds on a version not held; send the whole draft.',
      );
    let applied: ReturnType<typeof applyEssaySteps>;
    try {
      applied = applyEssaySteps(getEssaySchema().nodeFromJSON(stored.doc), steps);
    } catch {
      return refuse('PATCH_REFUSED', 'That change could not be applied; send the whole draft.');
    }
    if (!applied.ok) return refuse(applied.code, applied.message);
    if (applied.doc.content.size !== size)
      return refuse(
        'PATCH_REFUSED',
        'That change leads to another document; send the whole draft.',
      );
    const doc: unknown = applied.doc.toJSON();
    const words = countWords(doc as WordCountable);
    this.responses.set(vignette, { vignette, revision, doc, words });
    return this.push({ type: 'draft.ack', vignette, revision });
  }

  /** Ends the practice's timers when the practice is closed. */
  dispose(): void {
    this.close(1000, 'practice closed');
  }
}
