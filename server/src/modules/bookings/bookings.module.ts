import type { AppModule } from '../module.js';
import { createAuthorisationsService } from './authorisations.service.js';
import type { BookingsDeps } from './bookings.deps.js';
import { bookingsRoutes } from './bookings.routes.js';
import { createBookingsViews } from './bookings.views.js';
import { createDeadlineReminders } from './deadline-reminders.js';
import { createExpiryReminders } from './reminders.js';
import { createSeatsService } from './seats.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Bookings' services, for tests and operational scripts (e.g. run the reminders on demand). */
    bookings: BookingsModule;
  }
}

export type BookingsModule = ReturnType<typeof createBookingsModule>;

/**
 * Eligibility and seats (issue 22 items 1, 2 and 7): authorisations, seats and the waitlist,
 * the candidate's dates, and the reminders (authorisation expiry, free-cancellation cutoff,
 * accommodation deadline), which only the leader runs.
 */
export function createBookingsModule(
  deps: BookingsDeps & {
    leadership?: { isLeader(): boolean };
    /** How often the leader looks for expiry reminders due; 0: never (tests tick by hand). */
    reminderIntervalMs?: number;
    log?: (message: string, details?: Record<string, unknown>) => void;
  },
) {
  const authorisations = createAuthorisationsService(deps);
  const seats = createSeatsService(deps);
  const views = createBookingsViews(deps);
  const reminders = createExpiryReminders(deps);
  const deadlineReminders = createDeadlineReminders(deps);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const logged = (what: string) => (error: unknown) =>
    deps.log?.(`${what} failed`, {
      error: error instanceof Error ? error.message : String(error),
    });
  // One scheduler, on the leader only (each sweep checks), for every reminder of a booking.
  const runLogged = () => {
    running = Promise.all([
      reminders.runDue().catch(logged('authorisation reminders')),
      deadlineReminders.runDue().catch(logged('deadline reminders')),
    ]);
    return running;
  };
  return {
    authorisations,
    seats,
    views,
    reminders,
    deadlineReminders,
    async start(): Promise<void> {
      const every = deps.reminderIntervalMs ?? 0;
      if (every > 0 && !timer) {
        timer = setInterval(() => void runLogged(), every);
        timer.unref();
      }
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
    routes: async (app) => {
      await app.register(bookingsRoutes({ authorisations, seats, views }));
    },
  } satisfies AppModule & Record<string, unknown>;
}
