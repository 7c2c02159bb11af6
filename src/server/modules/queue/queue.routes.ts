import type { App } from '../../app';
import { notify } from '../../db/database';
import { AppError } from '../../errors';
import { RateLimit } from '../auth/rate-limit';
import { QueueHub } from './queue.hub';
import { boardStateOf } from './read/board';
import { counterViews, ticketView } from './read/views';
import { bookingRoutes } from './routes/bookings';
import type { QueueRoutes } from './routes/context';
import { counterRoutes } from './routes/counters';
import { publicRoutes } from './routes/public';
import { ticketRoutes } from './routes/tickets';

/** The channel on which queue changes are announced to every app instance. */
const QUEUE_CHANNEL = 'motcua_queue';

/**
 * Queue turns at the one-stop desk: counters, kiosk tickets, calling, the display board (with
 * Server-Sent Events), appointments and statistics. Public routes (kiosk, board, booking, following
 * a ticket) need no login; issuing tickets and booking are rate-limited per address.
 */
export async function queueRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;
  // On PostgreSQL, a change made through any instance reaches the boards connected to every instance (issue 18):
  // it is announced on the database's channel, and each instance pushes the new state to its own listeners
  // (should the announcement fail, this instance's listeners still hear it). On PGlite the one process delivers.
  const { listen } = database;
  const hub: QueueHub = new QueueHub(
    async (agencyId) => database.read((db) => boardStateOf(db, agencyId, clock.now())),
    15_000,
    listen
      ? (agencyId) => void notify(database, QUEUE_CHANNEL, agencyId).catch(() => hub.deliver(agencyId))
      : undefined,
  );
  const unlisten = listen
    ? await listen(
        QUEUE_CHANNEL,
        (agencyId) => hub.deliver(agencyId),
        () => hub.deliverAll(),
      )
    : async () => {};
  app.addHook('onClose', async () => {
    await unlisten();
    hub.close();
  });

  const shared: QueueRoutes = {
    hub,
    kioskLimit: new RateLimit(app.rateStore, 'kiosk', 30, 60_000),
    bookingLimit: new RateLimit(app.rateStore, 'booking', 10, 60 * 60_000),
    limited: async (limit, key, what) => {
      const wait = await limit.attempt(key, clock.now().getTime());
      if (wait > 0) {
        throw new AppError(
          429,
          'TOO_MANY_REQUESTS',
          `${what} quá nhiều lần; thử lại sau ${Math.ceil(wait / 1000)} giây.`,
        );
      }
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
