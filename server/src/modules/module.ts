import type { FastifyPluginAsync } from 'fastify';

/**
 * The one shape of every server module: `createXModule(deps)` returns this, plus the services
 * other modules need, each under its own name (`{ routes, sittings }`, `{ routes, delivery,
 * sweeper, start, stop }`). Dependencies are the services of modules built before it, narrowed
 * with Pick<>; app.ts builds the modules in dependency order and:
 * - registers every `plugin` first, in module order, so their hooks cover every route;
 * - then registers every module's `routes`, in module order;
 * - adds every `start` as an onReady hook and every `stop` as an onClose hook, in module order;
 * - at shutdown, runs every `drain` before the websockets close (see plugins/graceful-close.ts).
 */
export interface AppModule {
  /**
   * The module's routes, each declaring its access rule (registration fails without one).
   * Only Safe Exam Browser, a check on other modules' routes, has none.
   */
  routes?: FastifyPluginAsync;
  /**
   * A root-level plugin (wrapped with fastify-plugin) whose hooks apply to every module's
   * routes: auth's session and role checks, Safe Exam Browser's check. Most modules have none.
   */
  plugin?: FastifyPluginAsync;
  /** Runs once the app is ready, before it listens. */
  start?: () => Promise<void>;
  /**
   * Runs first when the app closes, while its websockets are still open: finishes writes already
   * queued (the group commit) so their acknowledgements reach the sockets before they close.
   */
  drain?: () => Promise<void>;
  /** Runs when the app closes; must leave nothing pending. */
  stop?: () => Promise<void>;
}
