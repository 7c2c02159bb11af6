import type { App } from '../../app';
import { AppError } from '../../errors';
import { LoginThrottle } from '../auth/rate-limit';
import { QueueHub } from './queue.hub';
import { boardStateOf } from './read/board';
import { counterViews, ticketView } from './read/views';
import { bookingRoutes } from './routes/bookings';
import type { QueueRoutes } from './routes/context';
import { counterRoutes } from './routes/counters';
import { publicRoutes } from './routes/public';
import { ticketRoutes } from './routes/tickets';

/**
 * Queue turns at the one-stop desk: counters, kiosk tickets, calling, the display board (with
 * Server-Sent Events), appointments and statistics. Public routes (kiosk, board, booking, following
 * a ticket) need no login; issuing tickets and booking are rate-limited per address.
 */
export async function queueRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;
  const hub = new QueueHub(async (agencyId) =>
    database.read((db) => boardStateOf(db, agencyId, clock.now())),
  );
  app.addHook('onClose', async () => hub.close());

  const shared: QueueRoutes = {
    hub,
    kioskLimit: new LoginThrottle(30, 60_000),
    bookingLimit: new LoginThrottle(10, 60 * 60_000),
    limited: (limit, key, what) => {
      const now = clock.now().getTime();
      const wait = limit.retryAfter(key, now);
      if (wait > 0) {
        throw new AppError(
          429,
          'TOO_MANY_REQUESTS',
          `${what} quá nhiều lần; thử lại sau ${Math.ceil(wait / 1000)} giây.`,
        );
      }
      limit.fail(key, now);
    },
    command: async (fn) => {
      const r = await database.tx(fn);
      hub.changed(r.agencyId);
      return r;
    },
    view: (t) => database.read((db) => ticketView(db, t, clock.now())),
    counterView: async (c) => database.read(async (db) => (await counterViews(db, [c], clock.now()))[0]!),
  };

  // Registered in this order, which is the order of the OpenAPI document.
  publicRoutes(app, shared);
  bookingRoutes(app, shared);
  counterRoutes(app, shared);
  ticketRoutes(app, shared);
}
