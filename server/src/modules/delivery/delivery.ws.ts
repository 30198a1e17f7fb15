import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/websocket';
import { closeCodes } from '@exam/shared/protocol';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import { sessionIdFromToken, type AuthService } from '../auth/index.js';
import type { Db } from '../../db/client.js';
import { SocketCap } from '../../ws/socket-caps.js';
import {
  CandidateConnection,
  type ConnectionDeps,
  type ConnectionHub,
} from './candidate-connection.js';
import type { DeliveryService } from './delivery.service.js';
import { createSocketHeartbeat } from './socket-heartbeat.js';

const HEARTBEAT_MS = 15_000;
/** Sockets are beaten in small groups through the interval, not all at once. */
const HEARTBEAT_TICK_MS = 500;
/** One browser, one exam socket: a second tab of the same sign-in takes over from the first. */
const SOCKETS_PER_SESSION = 1;
/**
 * A candidate has one open attempt, so this caps the sockets of an attempt across all of its
 * sign-ins. Only sockets that have not said hello give way here: the one bound to the attempt
 * is replaced through the hub after hello, behind the resume-code gate.
 */
const SOCKETS_PER_CANDIDATE = 3;

/**
 * `GET /ws/exam`: the candidate's exam socket. The upgrade is authenticated by the session
 * cookie and refused from foreign origins before any socket exists.
 */
export function deliverySocketRoutes(deps: {
  db: Db;
  delivery: DeliveryService;
  auth: Pick<AuthService, 'liveTokens' | 'revoked'>;
  audit: Pick<AuditService, 'appendNow'>;
  clock: Clock;
  publicOrigin: string;
  messagesPerSecond: number;
  /** See ConnectionDeps.resumeGate; absent, any session may take an attempt over. */
  resumeGate?: ConnectionDeps['resumeGate'];
}) {
  return async (app: FastifyInstance) => {
    const connections = new Map<string, CandidateConnection>();
    const all = new Set<CandidateConnection>();
    const perSession = new SocketCap<CandidateConnection>(SOCKETS_PER_SESSION);
    const perCandidate = new SocketCap<CandidateConnection>(
      SOCKETS_PER_CANDIDATE,
      (older) => older.attemptId === undefined,
    );
    const hub: ConnectionHub = {
      claim(attemptId, connection) {
        const previous = connections.get(attemptId);
        connections.set(attemptId, connection);
        return previous && previous !== connection ? previous : undefined;
      },
      release(attemptId, connection) {
        if (connections.get(attemptId) === connection) connections.delete(attemptId);
      },
    };

    const onChange = (attemptId: string, change: Parameters<CandidateConnection['onChange']>[0]) =>
      connections.get(attemptId)?.onChange(change);
    deps.delivery.changes.on('change', onChange);

    // Dead sockets are cut; a socket whose session was revoked (logout) or expired is closed.
    const heartbeat = createSocketHeartbeat({
      intervalMs: HEARTBEAT_MS,
      tickMs: HEARTBEAT_TICK_MS,
      liveTokens: (tokens) => deps.auth.liveTokens(tokens),
    });
    heartbeat.start();

    const onRevoked = (sessionId: string) => {
      for (const connection of all) {
        if (connection.sessionToken && sessionIdFromToken(connection.sessionToken) === sessionId) {
          connection.close(closeCodes.UNAUTHENTICATED, 'signed out');
        }
      }
    };
    deps.auth.revoked.on('revoked', onRevoked);

    /** An older socket over a cap: told it was taken over, and its attempt handed on now. */
    const displaceOver = (older: CandidateConnection) => {
      const attemptId = older.attemptId;
      older.displace();
      if (!attemptId) return;
      hub.release(attemptId, older);
      deps.audit
        .appendNow(deps.db, {
          actorId: older.user.id,
          action: 'attempt.takeover',
          subjectType: 'attempt',
          subjectId: attemptId,
        })
        .catch((error: unknown) => app.log.error({ err: error }, 'audit failed'));
    };

    app.addHook('onClose', async () => {
      heartbeat.stop();
      deps.delivery.changes.off('change', onChange);
      deps.auth.revoked.off('revoked', onRevoked);
    });

    app.get(
      '/ws/exam',
      {
        websocket: true,
        config: { access: ['candidate'] },
        preValidation: async (request) => {
          if (request.headers.origin !== deps.publicOrigin) {
            throw new AppError(
              'BAD_ORIGIN',
              'Websocket refused: it did not come from this site.',
              403,
            );
          }
        },
      },
      (socket, request) => {
        const user = request.user;
        if (!user) {
          socket.close(closeCodes.UNAUTHENTICATED, 'not signed in');
          return;
        }
        const connection = new CandidateConnection(socket, user, request.sessionToken, {
          delivery: deps.delivery,
          clock: deps.clock,
          hub,
          messagesPerSecond: deps.messagesPerSecond,
          ...(deps.resumeGate ? { resumeGate: deps.resumeGate } : {}),
          log: (message, details) => request.log.warn(details ?? {}, message),
          onTakeover: (attemptId, candidateId) =>
            deps.audit.appendNow(deps.db, {
              actorId: candidateId,
              action: 'attempt.takeover',
              subjectType: 'attempt',
              subjectId: attemptId,
            }),
        });
        all.add(connection);
        heartbeat.add(connection);
        const sessionKey = sessionIdFromToken(request.sessionToken ?? '');
        const displaced = new Set([
          ...perSession.add(sessionKey, connection),
          ...perCandidate.add(user.id, connection),
        ]);
        for (const older of displaced) displaceOver(older);
        socket.on('close', () => {
          all.delete(connection);
          heartbeat.remove(connection);
          perSession.remove(sessionKey, connection);
          perCandidate.remove(user.id, connection);
        });
      },
    );
  };
}
