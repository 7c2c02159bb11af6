import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { outbox } from '../../db/schema';

const BATCH = 20;
const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;

export interface Delivery {
  id: number;
  topic: string;
  dossierId: string | null;
  recipient: { name: string; phone: string | null; email: string | null };
  message: string;
}

/**
 * Delivers pending outbox messages to the province's messaging gateway (SMS / e-mail), configured as an
 * HTTP endpoint that receives one JSON message per POST. Rows are leased in a short transaction, sent
 * outside it, then marked sent, or retried with exponential backoff and marked failed after 8 attempts.
 */
export async function dispatchOnce(
  database: Database,
  clock: Clock,
  send: (d: Delivery) => Promise<void>,
): Promise<{ sent: number; failed: number }> {
  const now = clock.now();
  const batch = await database.tx(async (db) => {
    const due = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
      .orderBy(asc(outbox.id))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    if (due.length > 0) {
      // Lease: another dispatcher (another server on the same PostgreSQL) skips them meanwhile.
      await db
        .update(outbox)
        .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(
          inArray(
            outbox.id,
            due.map((d) => d.id),
          ),
        );
    }
    return due;
  });
  let sent = 0;
  let failed = 0;
  for (const m of batch) {
    try {
      await send({
        id: m.id,
        topic: m.topic,
        dossierId: m.dossierId,
        recipient: m.recipient,
        message: m.message,
      });
      await database.tx((db) =>
        db
          .update(outbox)
          .set({ status: 'sent', sentAt: clock.now(), attempts: m.attempts + 1, lastError: null })
          .where(eq(outbox.id, m.id)),
      );
      sent++;
    } catch (e) {
      const attempts = m.attempts + 1;
      await database.tx((db) =>
        db
          .update(outbox)
          .set({
            attempts,
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            nextAttemptAt: new Date(clock.now().getTime() + 2 ** attempts * 60_000),
            lastError: String(e instanceof Error ? e.message : e).slice(0, 500),
          })
          .where(eq(outbox.id, m.id)),
      );
      failed++;
    }
  }
  return { sent, failed };
}

/** POSTs the message as JSON to the gateway; any non-2xx answer is a failure to retry. */
export function webhookSender(url: string): (d: Delivery) => Promise<void> {
  return async (d) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `motcua-outbox-${d.id}` },
      body: JSON.stringify({
        id: d.id,
        topic: d.topic,
        dossierId: d.dossierId,
        to: d.recipient,
        text: d.message,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`gateway answered ${res.status}`);
  };
}
