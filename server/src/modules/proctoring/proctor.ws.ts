import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/websocket';
import { closeCodes, type ProctorClientMessage } from '@exam/shared/protocol';
import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { trackSocket } from '../../lib/metrics.js';
import { parseInput } from '../../lib/validate.js';
import type { HandlerMap } from '../../ws/dispatch.js';
import { sameOriginUpgrade } from '../../ws/origin.js';
import type { SocketRegistry } from '../../ws/socket-registry.js';
import type { CurrentUser } from '@exam/shared/api';
import type { ProctoredSitting } from '../sittings/index.js';
import type { DashboardFeed, FeedEvent } from './dashboard-feed.js';
import { DashboardSocket } from './dashboard-socket.js';
import type { ProctoringService } from './proctoring.service.js';

/**
 * A coordinator may watch a few sittings in a few tabs; past this, the oldest dashboard gives way.
 * Counted per instance (SocketLimits): it keeps one process from holding a flood of dashboards;
 * nothing relies on it across the deployment, so several instances may hold this many each.
 */
const SOCKETS_PER_SESSION = 4;
const query = z.object({ sitting: z.string().uuid() });

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by /ws/proctor's preHandler once the caller may watch it. */
    proctoredSitting?: ProctoredSitting;
  }
}

/**
 * The proctor socket's messages, one handler each; a message type added to the protocol
 * without a handler here fails the typecheck.
 */
export const proctorHandlers: HandlerMap<ProctorClientMessage, DashboardSocket> = {
  'time.sync': (message, dashboard) =>
    dashboard.send({ type: 'time.sync', clientSentAt: message.clientSentAt }),
  hello: (message, dashboard) => dashboard.hello(message.protocolVersion),
  'alert.acknowledge': (message, dashboard) => dashboard.acknowledge(message.alertIds),
};

/**
 * `GET /ws/proctor?sitting=<id>`: one sitting's live dashboard. The upgrade is refused from
 * foreign origins, without a staff role, and for proctors not assigned to the sitting; after
 * `hello` the server sends a snapshot, then every change as it happens.
 */
export function proctorSocketRoutes(deps: {
  proctoring: Pick<ProctoringService, 'sittingFor'>;
  /** The signed-in user behind a session token as they are now (roles, acting association). */
  userForToken(token: string | undefined): Promise<CurrentUser | null>;
  feed: DashboardFeed;
  sockets: SocketRegistry<never, FeedEvent>;
  clock: Clock;
  publicOrigin: string;
}) {
  /** Whether the session may watch the sitting with its roles and assignments as they are now. */
  async function mayWatch(token: string | undefined, sittingId: string): Promise<boolean> {
    const user = await deps.userForToken(token);
    if (!user) return false;
    try {
      await deps.proctoring.sittingFor(user, sittingId);
      return true;
    } catch (error) {
      // NOT_FOUND (another association now) and NOT_ASSIGNED say no; anything else is a fault.
      if (error instanceof AppError && error.status < 500) return false;
      throw error;
    }
  }

  return async (app: FastifyInstance) => {
    const { sockets, feed } = deps;
    sockets.defineKind('proctor', { perSession: SOCKETS_PER_SESSION });
    // One feed subscription per watched sitting; the registry fans it out to each dashboard.
    sockets.watchSittings((sittingId) =>
      feed.subscribe(sittingId, (event) => sockets.pushToSitting(sittingId, event)),
    );
    app.addHook('onClose', async () => {
      feed.stop();
    });

    app.get(
      '/ws/proctor',
      {
        websocket: true,
        config: { access: ['proctor', 'coordinator', 'admin'] },
        preValidation: sameOriginUpgrade(deps.publicOrigin),
        // Runs after the role check, so anonymous callers get 401 before any lookup.
        preHandler: async (request) => {
          const { sitting } = parseInput(query, request.query);
          if (!request.user) throw new AppError('UNAUTHENTICATED', 'Please sign in.', 401);
          request.proctoredSitting = await deps.proctoring.sittingFor(request.user, sitting);
        },
      },
      (socket, request) => {
        // The preHandler refused anonymous callers; the check keeps the type honest.
        if (!request.user) {
          socket.close(closeCodes.UNAUTHENTICATED, 'not signed in');
          return;
        }
        const dashboard = new DashboardSocket(
          socket,
          request.user,
          request.sessionToken,
          request.proctoredSitting,
          {
            feed,
            clock: deps.clock,
            handlers: proctorHandlers,
            sockets,
            mayWatch,
            log: (message, details) => request.log.warn(details ?? {}, message),
          },
        );
        socket.on('close', () => sockets.remove(dashboard));
        trackSocket('proctor', socket);
        sockets.add(dashboard);
      },
    );
  };
}
