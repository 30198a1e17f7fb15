import { WebSocket } from 'ws';
import {
  finalCloseCodes,
  parseServerMessage,
  PROTOCOL_VERSION,
  type ClientMessage,
  type PartStatus,
  type ServerMessage,
  type Welcome,
} from '@exam/shared/protocol';
import { AnswerBook } from './sim-answers.js';
import { DraftBook } from './sim-drafts.js';

export type { SaveContent } from './sim-answers.js';

export interface SimCandidateOptions {
  url: string;
  origin: string;
  cookie: string;
  /**
   * Other instances of the server (issue 16): after a dropped socket the candidate reconnects to
   * the next one in turn, as a load balancer would send it elsewhere.
   */
  fallbacks?: readonly { url: string; origin: string }[];
  /** A new change every [min, max] ms, uniformly. */
  saveEveryMs: readonly [number, number];
  /**
   * Part Two: after this many Part One changes, all acknowledged, the candidate submits Part One,
   * starts Part Two and types in its vignettes (a new draft revision every [min, max] ms).
   */
  partTwo?: { afterAnswers: number; typeEveryMs: readonly [number, number] };
  /**
   * At most one frame per this many ms. The default, 50, is half the server's per-connection
   * limit (40 a second), so even a server that stalls for most of a second, as on a busy machine,
   * never counts a burst from a well-behaved client over it.
   */
  sendEveryMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  random?: () => number;
}

/**
 * A simulated candidate over a real websocket. It answers (and, with `partTwo`, drafts) at a
 * steady rate whether or not it is connected (changes wait in an outbox, as in the real client),
 * records every acknowledged change and when it arrived, and on a dropped socket reconnects
 * with backoff and jitter and replays everything not yet acknowledged.
 */
export class SimCandidate {
  /** Part One changes: made, sent and acknowledged. */
  readonly answers: AnswerBook;
  /** Part Two drafts: typed, sent and acknowledged revisions. */
  readonly drafts: DraftBook;
  /** Every acknowledgement (answer or draft): when its save was sent and when it came, epoch ms. */
  readonly acks: { sentAt: number; at: number }[] = [];
  readonly rejected: { what: string; code: string; message: string }[] = [];
  /** Anything a correct server should not have said (errors, closed parts, bad frames). */
  readonly problems: string[] = [];
  /** SERVER_ERROR replies (the database failed under the server): expected only in database faults. */
  readonly serverErrors: number[] = [];
  /** When each welcome arrived (epoch ms): a welcome is a resumed connection. */
  readonly welcomes: number[] = [];
  /** Every close code the socket saw, in order (1006 for a connection cut without one). */
  readonly closeCodes: number[] = [];
  lastConnectError: string | undefined;

  private questionCount = 0;
  private socket: WebSocket | undefined;
  /** The part whose saves this socket may send, once welcomed and running. */
  private readyPart: 1 | 2 | undefined;
  private submittedOn: WebSocket | undefined;
  private stopped = false;
  private generating = false;
  private readonly generators = new Set<1 | 2>();
  private failedConnects = 0;
  /** Which of url and fallbacks the next connection goes to. */
  private endpoint = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private pump: NodeJS.Timeout | undefined;
  private readonly random: () => number;

  constructor(private readonly options: SimCandidateOptions) {
    this.random = options.random ?? Math.random;
    this.answers = new AnswerBook(this.random);
    this.drafts = new DraftBook(options.cookie);
  }

  /** Connects and starts answering once Part One runs. */
  start(): void {
    this.generating = true;
    this.connect();
    this.pump = setInterval(() => this.sendNext(), this.options.sendEveryMs ?? 50);
  }

  /** Stops making new changes; what is waiting still goes out. */
  stopGenerating(): void {
    this.generating = false;
  }

  get connected(): boolean {
    return this.readyPart !== undefined;
  }

  /** Changes not yet acknowledged: waiting to be sent, or sent on the current socket. */
  get unacknowledged(): number {
    return this.answers.unacknowledged + this.drafts.unacknowledged;
  }

  /** First welcome after `since` (epoch ms), if any. */
  resumedAt(since: number): number | undefined {
    return this.welcomes.find((at) => at > since);
  }

  /** First acknowledgement received after `since` (epoch ms), if any. */
  ackedAfter(since: number): number | undefined {
    return this.acks.find((ack) => ack.at > since)?.at;
  }

  /** Closes for good: no reconnect, no more changes. */
  close(): void {
    this.stopped = true;
    this.generating = false;
    if (this.pump) clearInterval(this.pump);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.socket?.terminate();
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private send(socket: WebSocket, message: ClientMessage): void {
    socket.send(JSON.stringify(message));
  }

  private connect(): void {
    if (this.stopped) return;
    const endpoints = [
      { url: this.options.url, origin: this.options.origin },
      ...(this.options.fallbacks ?? []),
    ];
    const { url, origin } = endpoints[this.endpoint % endpoints.length]!;
    const socket = new WebSocket(url, { headers: { cookie: this.options.cookie, origin } });
    this.socket = socket;
    socket.on('open', () => {
      const lastAckedSeq = this.answers.lastAckedSeq;
      this.send(socket, { type: 'hello', protocolVersion: PROTOCOL_VERSION, lastAckedSeq });
    });
    socket.on('message', (data: Buffer) => {
      const message = parseServerMessage(data.toString('utf8'));
      if (message) this.onMessage(socket, message);
      else this.problems.push(`unparseable frame: ${data.toString('utf8').slice(0, 200)}`);
    });
    socket.on('error', (error) => {
      this.lastConnectError = error.message;
    });
    socket.on('close', (code) => this.onClose(socket, code));
  }

  private onClose(socket: WebSocket, code: number): void {
    if (this.socket !== socket) return;
    this.closeCodes.push(code);
    this.socket = undefined;
    this.readyPart = undefined;
    this.answers.onDisconnect();
    this.drafts.onDisconnect();
    if (this.stopped) return;
    if (finalCloseCodes.includes(code)) {
      this.problems.push(`closed for good with code ${code}`);
      this.close();
      return;
    }
    if (this.options.fallbacks?.length) this.endpoint += 1;
    const backoff = this.options.backoff ?? { initialMs: 100, maxMs: 1000 };
    const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** this.failedConnects);
    this.failedConnects += 1;
    this.later(ceiling * (0.5 + this.random() / 2), () => this.connect());
  }

  private onMessage(socket: WebSocket, message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        this.welcomes.push(Date.now());
        this.failedConnects = 0;
        this.onWelcome(socket, message.attempt);
        return;
      case 'clock.update':
        if (message.clock.status === 'running') this.becomeReady(socket, message.clock.part);
        return;
      case 'answer.ack':
        this.onAck(this.answers.onAck(message.seq), `seq ${message.seq}`);
        this.maybeSubmitPartOne(socket);
        return;
      case 'draft.ack':
        this.onAck(
          this.drafts.onAck(message.vignette, message.revision),
          `draft ${message.vignette} r${message.revision}`,
        );
        return;
      case 'answer.rejected':
        this.answers.onRejected(message.seq);
        this.rejected.push({
          what: `seq ${message.seq}`,
          code: message.code,
          message: message.message,
        });
        return;
      case 'draft.rejected':
        this.drafts.onRejected(message.vignette, message.revision);
        this.rejected.push({
          what: `draft ${message.vignette} r${message.revision}`,
          code: message.code,
          message: message.message,
        });
        return;
      case 'answer.held':
        // Stored as a late change for a proctor, not as the answer: out of flight, never acked.
        // These candidates save well inside the time, so a correct server has nothing to hold.
        this.answers.onRejected(message.seq);
        this.problems.push(`seq ${message.seq} held as a late change: ${message.message}`);
        return;
      case 'draft.held':
        this.drafts.onRejected(message.vignette, message.revision);
        this.problems.push(
          `draft ${message.vignette} r${message.revision} held as a late change: ${message.message}`,
        );
        return;
      case 'time.sync':
        return;
      case 'tools.ack':
      case 'tools.rejected':
      case 'display.ack':
      case 'display.rejected':
        // These candidates use no tools: an answer to one is a server mistake.
        this.problems.push(`${message.type} although no tools change was sent`);
        return;
      case 'device.challenge':
        this.problems.push('device.challenge although hello named no device key');
        return;
      case 'error':
        if (message.code === 'SERVER_ERROR') this.serverErrors.push(Date.now());
        else this.problems.push(`server error ${message.code}: ${message.message}`);
        return;
      case 'part.closed':
        // Part One closing is the expected answer to this candidate's own submit.
        if (message.part === 1 && message.status === 'submitted' && this.options.partTwo) {
          this.readyPart = undefined;
          return;
        }
        this.problems.push(`Part ${message.part} closed: ${message.status} (${message.reason})`);
        return;
      case 'choice.ack':
      case 'choice.rejected':
      case 'choice.held':
        this.problems.push(`${message.type} for a choice never made`);
        return;
    }
  }

  private onAck(sentAt: number | undefined, what: string): void {
    if (sentAt === undefined) this.problems.push(`ack for ${what}, which is not in flight`);
    else this.acks.push({ sentAt, at: Date.now() });
  }

  /** Picks up where the attempt stands: starts the next part, or carries on with this one. */
  private onWelcome(socket: WebSocket, attempt: Welcome['attempt']): void {
    this.answers.noteMaxSeq(attempt.maxSeq);
    this.questionCount = attempt.questions.length;
    if (attempt.partTwo) this.drafts.noteWelcome(attempt.partTwo);
    const status = (part: 1 | 2): PartStatus | undefined =>
      attempt.parts.find((p) => p.part === part)?.status;
    const [one, two] = [status(1), status(2)];
    if (one === 'not-started') this.send(socket, { type: 'part.start', part: 1 });
    else if (one === 'running') this.becomeReady(socket, 1);
    else if (!this.options.partTwo) this.problems.push(`Part One is ${String(one)} on welcome`);
    else if (two === 'not-started' && attempt.partTwo)
      this.send(socket, { type: 'part.start', part: 2 });
    else if (two === 'running') this.becomeReady(socket, 2);
    else this.problems.push(`Part One ${String(one)}, Part Two ${String(two)} on welcome`);
  }

  private becomeReady(socket: WebSocket, part: 1 | 2): void {
    this.readyPart = part;
    // The first welcome of a part starts its changes; after that they go on while disconnected.
    if (this.generating && !this.generators.has(part)) {
      this.generators.add(part);
      if (part === 1) this.every(this.options.saveEveryMs, () => this.makeChange());
      else if (this.options.partTwo)
        this.every(this.options.partTwo.typeEveryMs, () => this.drafts.type(this.random));
    }
    if (part === 1) this.maybeSubmitPartOne(socket);
  }

  /** Submits Part One once, per connection, when all its changes are made and acknowledged. */
  private maybeSubmitPartOne(socket: WebSocket): void {
    const quota = this.options.partTwo?.afterAnswers;
    if (quota === undefined || this.readyPart !== 1 || this.submittedOn === socket) return;
    if (this.answers.sent.size < quota || this.answers.unacknowledged > 0) return;
    this.submittedOn = socket;
    this.send(socket, { type: 'part.submit', part: 1 });
  }

  /** Runs `change` every [min, max] ms while generating; it returns false to stop. */
  private every(range: readonly [number, number], change: () => boolean): void {
    const [min, max] = range;
    this.later(min + this.random() * (max - min), () => {
      if (this.generating && change()) this.every(range, change);
    });
  }

  private makeChange(): boolean {
    const quota = this.options.partTwo?.afterAnswers;
    if (quota !== undefined && this.answers.sent.size >= quota) return false;
    this.answers.make(this.questionCount);
    return true;
  }

  private sendNext(): void {
    const socket = this.socket;
    if (!this.readyPart || !socket || socket.readyState !== WebSocket.OPEN) return;
    const answer = this.readyPart === 1 ? this.answers.nextToSend() : undefined;
    if (answer) {
      this.send(socket, { type: 'answer.save', ...answer });
      return;
    }
    const draft = this.readyPart === 2 ? this.drafts.nextToSend() : undefined;
    if (draft) this.send(socket, draft);
  }
}
