import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { hasAnyRole } from '../../../domain/identity/permissions';
import { decideClose, decideOpen } from '../../../domain/queue/counters';
import { AT_COUNTER_STATUSES } from '../../../domain/queue/tickets';
import type { Db } from '../../db/database';
import { auditLog, fields, queueCounters, queueTickets, users } from '../../db/schema';
import { errors } from '../../errors';
import { localDate } from '../../time';
import { agencyScope, inScope } from '../agencies/scope';
import type { AuthUser } from '../auth/auth.service';
import type { CounterInput, CounterPatch } from './queue.schema';
import { type Counter, lockCounter, refused } from './shared';
import { counterEvent } from './store';

/** Counters: the administrator's list and settings, and the officer's opening and closing of one. */

export async function listCounters(
  db: Db,
  actor: AuthUser,
  agencyId: string | undefined,
): Promise<Counter[]> {
  const scope = await agencyScope(db, actor);
  const target = agencyId ?? actor.agency?.id;
  if (target && !inScope(scope, target)) throw errors.outOfScope();
  const rows = await db
    .select()
    .from(queueCounters)
    .where(target ? eq(queueCounters.agencyId, target) : undefined)
    .orderBy(asc(queueCounters.agencyId), asc(queueCounters.number));
  return rows.filter((r) => inScope(scope, r.agencyId));
}

export async function myCounter(db: Db, actor: AuthUser): Promise<Counter | null> {
  return (
    (
      await db
        .select()
        .from(queueCounters)
        .where(and(eq(queueCounters.officerId, actor.id), eq(queueCounters.state, 'open')))
    )[0] ?? null
  );
}

async function checkFieldCodes(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return;
  const known = new Set(
    (
      await db
        .select({ c: fields.code })
        .from(fields)
        .where(inArray(fields.code, [...codes]))
    ).map((f) => f.c),
  );
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) {
    throw errors.invalid(
      'UNKNOWN_FIELD',
      `Không có lĩnh vực mã ${unknown.join(', ')} trong danh mục thủ tục.`,
    );
  }
}

const numberTaken = (n: number) =>
  errors.conflict('COUNTER_NUMBER_TAKEN', `Cơ quan đã có quầy số ${n}; chọn số khác.`);

export async function createCounter(
  db: Db,
  actor: AuthUser,
  now: Date,
  input: CounterInput,
): Promise<Counter> {
  if (!inScope(await agencyScope(db, actor), input.agencyId)) throw errors.outOfScope();
  await checkFieldCodes(db, input.fieldCodes);
  const dup = await db
    .select({ id: queueCounters.id })
    .from(queueCounters)
    .where(and(eq(queueCounters.agencyId, input.agencyId), eq(queueCounters.number, input.number)));
  if (dup.length) throw numberTaken(input.number);
  const [c] = await db
    .insert(queueCounters)
    .values({ ...input, fieldCodes: [...new Set(input.fieldCodes)], createdAt: now, updatedAt: now })
    .returning();
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'queue.counter.created',
    entity: 'queue_counter',
    entityId: c!.id,
    data: input,
  });
  return c!;
}

export async function updateCounter(
  db: Db,
  actor: AuthUser,
  now: Date,
  id: string,
  patch: ReturnType<typeof CounterPatch.parse>,
): Promise<Counter> {
  const c = await lockCounter(db, id);
  if (!inScope(await agencyScope(db, actor), c.agencyId)) throw errors.outOfScope();
  if (patch.fieldCodes) await checkFieldCodes(db, patch.fieldCodes);
  if (patch.number !== undefined && patch.number !== c.number) {
    const dup = await db
      .select({ id: queueCounters.id })
      .from(queueCounters)
      .where(
        and(
          eq(queueCounters.agencyId, c.agencyId),
          eq(queueCounters.number, patch.number),
          ne(queueCounters.id, id),
        ),
      );
    if (dup.length) throw numberTaken(patch.number);
  }
  const deactivating = patch.active === false && c.active;
  const [u] = await db
    .update(queueCounters)
    .set({
      ...patch,
      ...(patch.fieldCodes ? { fieldCodes: [...new Set(patch.fieldCodes)] } : {}),
      ...(deactivating ? { state: 'closed' as const, officerId: null, openedAt: null } : {}),
      updatedAt: now,
    })
    .where(eq(queueCounters.id, id))
    .returning();
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'queue.counter.updated',
    entity: 'queue_counter',
    entityId: id,
    data: patch,
  });
  return u!;
}

/** The officer on duty opens a counter of their own agency; one counter per officer at a time. */
export async function openCounter(db: Db, actor: AuthUser, now: Date, id: string): Promise<Counter> {
  const c = await lockCounter(db, id);
  const officerName = c.officerId
    ? ((await db.select({ n: users.fullName }).from(users).where(eq(users.id, c.officerId)))[0]?.n ?? '')
    : null;
  const elsewhere = await myCounter(db, actor);
  const d = decideOpen(c, {
    actor: { id: actor.id, agencyId: actor.agency?.id ?? null, roles: actor.roles },
    officerName,
    dutyElsewhere: elsewhere && elsewhere.id !== c.id ? elsewhere.number : null,
  });
  if (!d.ok) throw refused(d.refusal);
  if (!d.changed) return c;
  const [u] = await db
    .update(queueCounters)
    .set({ state: 'open', officerId: actor.id, openedAt: now, updatedAt: now })
    .where(eq(queueCounters.id, id))
    .returning();
  await counterEvent(db, c.agencyId, id, 'opened', actor.id, now);
  return u!;
}

/** Closes a counter (its officer, or an administrator / leader of the agency); nobody may still be at it. */
export async function closeCounter(db: Db, actor: AuthUser, now: Date, id: string): Promise<Counter> {
  const c = await lockCounter(db, id);
  const manager =
    hasAnyRole(actor.roles, ['admin', 'leader']) && inScope(await agencyScope(db, actor), c.agencyId);
  const busy = await db
    .select({ label: queueTickets.label })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.counterId, id),
        eq(queueTickets.day, localDate(now)),
        inArray(queueTickets.status, [...AT_COUNTER_STATUSES]),
      ),
    );
  const d = decideClose(c, { actorId: actor.id, manager, busyWith: busy[0]?.label ?? null });
  if (!d.ok) throw refused(d.refusal);
  if (!d.changed) return c;
  const [u] = await db
    .update(queueCounters)
    .set({ state: 'closed', officerId: null, openedAt: null, updatedAt: now })
    .where(eq(queueCounters.id, id))
    .returning();
  await counterEvent(db, c.agencyId, id, 'closed', actor.id, now);
  return u!;
}
