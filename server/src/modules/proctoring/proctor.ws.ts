import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/websocket';
import type { WebSocket } from 'ws';
import {
  closeCodes,
  parseProctorClientMessage,
  PROCTOR_MAX_FRAME_BYTES,
  PROCTOR_PROTOCOL_VERSION,
  type ProctorServerMessage,
} from '@exam/shared/protocol';
import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { parseInput } from '../../lib/validate.js';
import { FrameBudget } from '../../ws/frame-budget.js';
import { SocketCap } from '../../ws/socket-caps.js';
import { sessionIdFromToken, type AuthService } from '../auth/index.js';
import type { ProctoredSitting } from '../sittings/index.js';
import type { DashboardFeed, FeedEvent } from './dashboard-feed.js';
import type { ProctoringService } from './proctoring.service.js';

const HEARTBEAT_MS = 15_000;
const MESSAGES_PER_SECOND = 10;
const BURST_FRAMES = 30;
/** A coordinator may watch a few sittings in a few tabs; past this, the oldest dashboard gives way. */
const SOCKETS_PER_SESSION = 4;
const query = z.object({ sitting: z.string().uuid() });

type Outgoing = ProctorServerMessage extends infer M
  ? M extends ProctorServerMessage
    ? Omit<M, 'serverTime'>
    : never
  : never;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by /ws/proctor's preHandler once the caller may watch it. */
    proctoredSitting?: ProctoredSitting;
  }
}

/**
 * `GET /ws/proctor?sitting=<id>`: one sitting's live dashboard. The upgrade is refused from
 * foreign origins, without a staff role, and for proctors not assigned to the sitting; after
 * `hello` the server sends a snapshot, then every change as it happens.
 */
export function proctorSocketRoutes(deps: {
  proctoring: Pick<ProctoringService, 'sittingFor'>;
  feed: DashboardFeed;
  auth: Pick<AuthService, 'userForToken'>;
  clock: Clock;
  publicOrigin: string;
}) {
  return async (app: FastifyInstance) => {
    type Entry = { socket: WebSocket; token: string | undefined; alive: boolean };
    const sockets = new Set<Entry>();
    const perSession = new SocketCap<Entry>(SOCKETS_PER_SESSION);
    const heartbeat = setInterval(() => {
      for (const entry of sockets) {
        if (!entry.alive) {
          entry.socket.terminate();
          continue;
        }
        entry.alive = false;
        entry.socket.ping();
        void deps.auth
          .userForToken(entry.token)
          .then((user) => {
            if (!user) entry.socket.close(closeCodes.UNAUTHENTICATED, 'session ended');
          })
          // Database unreachable: keep the dashboard open; the next beat asks again.
          .catch(() => undefined);
      }
    }, HEARTBEAT_MS);
    heartbeat.unref();
    app.addHook('onClose', async () => {
      clearInterval(heartbeat);
      deps.feed.stop();
    });

    app.get(
      '/ws/proctor',
      {
        websocket: true,
        config: { access: ['proctor', 'coordinator', 'admin'] },
        preValidation: async (request) => {
          if (request.headers.origin !== deps.publicOrigin) {
            throw new AppError(
              'BAD_ORIGIN',
              'Websocket refused: it did not come from this site.',
              403,
            );
          }
        },
        // Runs after the role check, so anonymous callers get 401 before any lookup.
        preHandler: async (request) => {
          const { sitting } = parseInput(query, request.query);
          if (!request.user) throw new AppError('UNAUTHENTICATED', 'Please sign in.', 401);
          request.proctoredSitting = await deps.proctoring.sittingFor(request.user, sitting);
        },
      },
      (socket, request) => {
        const sitting = request.proctoredSitting;
        const entry = { socket, token: request.sessionToken, alive: true };
        sockets.add(entry);
        const sessionKey = sessionIdFromToken(request.sessionToken ?? '');
        for (const older of perSession.add(sessionKey, entry)) {
          older.socket.close(closeCodes.TAKEN_OVER, 'opened in another tab');
        }
        const budget = new FrameBudget({ perSecond: MESSAGES_PER_SECOND, burst: BURST_FRAMES });
        const send = (message: Outgoing) => {
          if (socket.readyState !== socket.OPEN) return;
          socket.send(JSON.stringify({ ...message, serverTime: deps.clock.now().getTime() }));
        };
        let unsubscribe: (() => void) | undefined;
        // Events that arrive while the snapshot is built wait for it (the dashboard would
        // replace them with the snapshot); changed rows are re-read, never sent stale.
        let buffered: FeedEvent[] | undefined;
        const forward = (event: FeedEvent) => {
          if (buffered) {
            buffered.push(event);
            return;
          }
          if (event.kind === 'candidate')
            send({ type: 'candidate.update', candidate: event.candidate });
          else if (event.kind === 'alert') send({ type: 'alert.raised', alert: event.alert });
          else send({ type: 'incident.recorded', incident: event.incident });
        };

        const start = async (current: ProctoredSitting) => {
          buffered = [];
          unsubscribe = deps.feed.subscribe(current.id, forward);
          const snapshot = await deps.feed.snapshot(current);
          send({
            type: 'dashboard.snapshot',
            protocolVersion: PROCTOR_PROTOCOL_VERSION,
            ...snapshot,
          });
          const waiting = buffered;
          buffered = undefined;
          const changed = new Set<string>();
          for (const event of waiting) {
            if (event.kind === 'candidate') changed.add(event.candidate.enrolmentId);
            else forward(event);
          }
          for (const enrolmentId of changed) {
            const candidate = await deps.feed.candidateRow(enrolmentId);
            if (candidate) send({ type: 'candidate.update', candidate });
          }
        };

        const onMessage = (raw: string) => {
          const parsed = parseProctorClientMessage(raw);
          if (!parsed.ok) {
            send({ type: 'error', code: 'BAD_MESSAGE', message: parsed.problem });
            return;
          }
          const message = parsed.message;
          switch (message.type) {
            case 'time.sync':
              send({ type: 'time.sync', clientSentAt: message.clientSentAt });
              return;
            case 'hello':
              if (message.protocolVersion !== PROCTOR_PROTOCOL_VERSION) {
                send({
                  type: 'error',
                  code: 'PROTOCOL_VERSION',
                  message: 'This page is out of date; reload it.',
                });
                socket.close(closeCodes.UPGRADE_REQUIRED, 'protocol version');
                return;
              }
              if (!sitting || unsubscribe) return;
              start(sitting).catch((error: unknown) => {
                request.log.warn({ error: String(error) }, 'proctor snapshot failed');
                send({
                  type: 'error',
                  code: 'SERVER_ERROR',
                  message: 'The dashboard could not load; reconnecting.',
                });
                socket.close(closeCodes.SERVER_ERROR, 'server error');
              });
              return;
          }
        };

        // Attached synchronously: nothing a dashboard sends is dropped while we set up.
        socket.on('message', (data, isBinary) => {
          const frame = data as Buffer;
          if (socket.readyState !== socket.OPEN) return;
          if (isBinary || frame.length > PROCTOR_MAX_FRAME_BYTES) {
            socket.close(closeCodes.MESSAGE_TOO_BIG, 'message too large');
            return;
          }
          if (!budget.take()) {
            socket.close(closeCodes.RATE_LIMITED, 'rate limited');
            return;
          }
          onMessage(frame.toString('utf8'));
        });
        socket.on('pong', () => {
          entry.alive = true;
        });
        socket.on('close', () => {
          sockets.delete(entry);
          perSession.remove(sessionKey, entry);
          unsubscribe?.();
        });
      },
    );
  };
}
