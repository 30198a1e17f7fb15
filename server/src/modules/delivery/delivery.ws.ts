import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/websocket';
import {
  closeCodes,
  type ClientMessage,
  type DraftPatch,
  type DraftSave,
} from '@exam/shared/protocol';
import type { Clock } from '../../lib/clock.js';
import { recordAck, trackSocket } from '../../lib/metrics.js';
import type { AuditService } from '../audit/index.js';
import type { Db } from '../../db/client.js';
import type { HandlerMap } from '../../ws/dispatch.js';
import { sameOriginUpgrade } from '../../ws/origin.js';
import type { SocketRegistry } from '../../ws/socket-registry.js';
import { CandidateConnection, type ConnectionDeps } from './candidate-connection.js';
import type { AttemptChange, DeliveryService } from './delivery.service.js';
import { createDeviceKeys } from './device-proof.js';

/*
 * Both caps are counted per instance (SocketLimits): with several instances a sign-in may hold
 * one exam socket on each until it says hello, and that is all they guard against, a flood of
 * idle sockets in one process. One device at a time is the attempt's rule, and holds across the
 * instances: the socket that says hello claims the attempt, every instance hears the claim, and
 * the one holding it elsewhere gives way (SocketRegistry.claimAttempt).
 */
/** One browser, one exam socket: a second tab of the same sign-in takes over from the first. */
const SOCKETS_PER_SESSION = 1;
/**
 * A candidate has one open attempt, so this caps the sockets of an attempt across all of its
 * sign-ins. Only sockets that have not said hello give way here: the one bound to the attempt
 * is replaced through the registry after hello, behind the resume-code gate.
 */
const SOCKETS_PER_CANDIDATE = 3;

/** The code and message of a refused or held save, exactly as the service gave them. */
function refusal<C extends string>(result: { code: C; message: string }) {
  return { code: result.code, message: result.message };
}

const secondsSince = (start: number) => (performance.now() - start) / 1000;

/** Part Two drafts, whole or as patches: acknowledged by vignette and revision. */
async function saveDraft(message: DraftSave | DraftPatch, connection: CandidateConnection) {
  const received = performance.now();
  const context = await connection.attempt();
  const { vignette, revision } = message;
  const drafts = connection.draftsFor(context);
  const result =
    message.type === 'draft.save' ? await drafts.save(message) : await drafts.patch(message);
  if (result.ok) {
    connection.send({ type: 'draft.ack', vignette, revision });
    recordAck('draft', secondsSince(received));
  } else if (result.held)
    connection.send({ type: 'draft.held', vignette, revision, ...refusal(result) });
  else connection.send({ type: 'draft.rejected', vignette, revision, ...refusal(result) });
}

/**
 * The exam socket's messages, one handler each; a message type added to the protocol without
 * a handler here fails the typecheck. Everything but `time.sync` and `hello` waits for the
 * attempt that hello opens.
 */
export const examHandlers: HandlerMap<ClientMessage, CandidateConnection> = {
  'time.sync': (message, connection) =>
    connection.send({ type: 'time.sync', clientSentAt: message.clientSentAt }),
  hello: (message, connection) => connection.hello(message.protocolVersion, message.device),
  'device.prove': (message, connection) => connection.proveDevice(message.signature),
  'answer.save': async (message, connection) => {
    const received = performance.now();
    const context = await connection.attempt();
    const result = await connection.delivery.save(context, message);
    const { seq } = message;
    if (result.ok) {
      connection.send({ type: 'answer.ack', seq });
      recordAck('answer', secondsSince(received));
    } else if (result.held) connection.send({ type: 'answer.held', seq, ...refusal(result) });
    else connection.send({ type: 'answer.rejected', seq, ...refusal(result) });
  },
  'part.start': async (message, connection) => {
    const context = await connection.attempt();
    const clock = await connection.delivery.startPart(context, message.part, connection.userId);
    connection.send({ type: 'clock.update', clock, reason: 'started' });
  },
  'part.submit': async (message, connection) => {
    const context = await connection.attempt();
    await connection.delivery.submitPart(context, message.part, connection.userId);
  },
  'draft.save': saveDraft,
  'draft.patch': saveDraft,
  'choice.set': async (message, connection) => {
    const received = performance.now();
    const context = await connection.attempt();
    const result = await connection.delivery.setChoice(context, message);
    const { revision } = message;
    if (result.ok) {
      connection.send({ type: 'choice.ack', revision });
      recordAck('choice', secondsSince(received));
    } else if (result.held) connection.send({ type: 'choice.held', revision, ...refusal(result) });
    else connection.send({ type: 'choice.rejected', revision, ...refusal(result) });
  },
  'tools.save': async (message, connection) => {
    const context = await connection.attempt();
    const result = await connection.delivery.tools.save(context, message);
    const key = { target: message.target, position: message.position, revision: message.revision };
    if (result.ok) connection.send({ type: 'tools.ack', ...key });
    else connection.send({ type: 'tools.rejected', ...key, ...refusal(result) });
  },
  'display.set': async (message, connection) => {
    const context = await connection.attempt();
    const result = await connection.delivery.tools.setDisplay(context, message);
    const { revision } = message;
    if (result.ok) connection.send({ type: 'display.ack', revision });
    else connection.send({ type: 'display.rejected', revision, ...refusal(result) });
  },
  'paste.record': async (message, connection) => {
    const context = await connection.attempt();
    await connection.delivery.partTwo.recordPaste(context, message);
  },
};

/**
 * `GET /ws/exam`: the candidate's exam socket. The upgrade is authenticated by the session
 * cookie and refused from foreign origins before any socket exists.
 */
export function deliverySocketRoutes(deps: {
  db: Db;
  delivery: DeliveryService;
  sockets: SocketRegistry<AttemptChange, never>;
  audit: Pick<AuditService, 'appendNow'>;
  clock: Clock;
  publicOrigin: string;
  messagesPerSecond: number;
  /** See ConnectionDeps.resumeGate; absent, any session may take an attempt over. */
  resumeGate?: ConnectionDeps['resumeGate'];
}) {
  return async (app: FastifyInstance) => {
    const { sockets } = deps;
    const devices = createDeviceKeys({ db: deps.db, clock: deps.clock });
    sockets.defineKind('exam', {
      perSession: SOCKETS_PER_SESSION,
      perUser: SOCKETS_PER_CANDIDATE,
    });
    const onChange = (attemptId: string, change: AttemptChange) =>
      sockets.pushToAttempt(attemptId, change);
    deps.delivery.changes.on('change', onChange);
    app.addHook('onClose', async () => {
      deps.delivery.changes.off('change', onChange);
    });

    const auditTakeover = (attemptId: string, candidateId: string) =>
      deps.audit.appendNow(deps.db, {
        actorId: candidateId,
        action: 'attempt.takeover',
        subjectType: 'attempt',
        subjectId: attemptId,
      });
    const auditFailed = (error: unknown) => app.log.error({ err: error }, 'audit failed');
    // Taken over by a socket on another instance: that one found nothing here to displace, so
    // the takeover is audited here, where the socket gave way.
    sockets.onTakenElsewhere((older, attemptId) => {
      auditTakeover(attemptId, older.userId).catch(auditFailed);
    });

    app.get(
      '/ws/exam',
      {
        websocket: true,
        config: { access: ['candidate'] },
        preValidation: sameOriginUpgrade(deps.publicOrigin),
      },
      (socket, request) => {
        const user = request.user;
        if (!user) {
          socket.close(closeCodes.UNAUTHENTICATED, 'not signed in');
          return;
        }
        const connection = new CandidateConnection(
          socket,
          user,
          request.sessionToken,
          {
            delivery: deps.delivery,
            clock: deps.clock,
            handlers: examHandlers,
            sockets,
            messagesPerSecond: deps.messagesPerSecond,
            ...(deps.resumeGate ? { resumeGate: deps.resumeGate } : {}),
            devices,
            log: (message, details) => request.log.warn(details ?? {}, message),
            onTakeover: auditTakeover,
          },
          request.id,
        );
        socket.on('close', () => sockets.remove(connection));
        trackSocket('candidate', socket);
        // An older socket over a cap was told it was taken over and its attempt handed on.
        for (const { socket: older, attemptId } of sockets.add(connection)) {
          if (attemptId) auditTakeover(attemptId, older.userId).catch(auditFailed);
        }
      },
    );
  };
}
