import { z } from 'zod';
import type { Db } from '../../../db/database';
import type { RateLimit } from '../../auth/rate-limit';
import type { QueueHub } from '../queue.hub';
import type { CounterView, TicketView } from '../queue.schema';
import type { Counter, Ticket } from '../shared';

/** What the queue's route groups share (built once in `queue.routes.ts`). */
export interface QueueRoutes {
  hub: QueueHub;
  kioskLimit: RateLimit;
  bookingLimit: RateLimit;
  /** Refuses with 429 when `key` went over `limit`, else counts one more try. */
  limited: (limit: RateLimit, key: string, what: string) => Promise<void>;
  /** Runs a staff command in one transaction, then pushes the agency's new state to its listeners. */
  command: <T extends { agencyId: string }>(fn: (db: Db) => Promise<T>) => Promise<T>;
  view: (t: Ticket) => Promise<TicketView>;
  counterView: (c: Counter) => Promise<CounterView>;
}

export const tags = ['Xếp hàng, gọi số'];
export const DESK = ['reception', 'leader', 'admin'] as const;
export const codeParams = z.object({ code: z.string().min(1).max(40) });
export const idParams = z.object({ id: z.uuid() });
export const idemHeaders = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() });
