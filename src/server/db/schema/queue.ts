/** Queue turns at the desk (xếp hàng, gọi số): counters, bookings, tickets and their events. */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { OfficeHours } from '../../../domain/agency/agency';
import { fields } from './catalogue';
import { ts } from './columns';
import { dossiers } from './dossiers';
import { agencies, users } from './identity';

// ─── Queue turns at the desk (xếp hàng, gọi số) ─────────────────────────────────────────────

/** A counter (quầy) of an agency's one-stop desk, serving some fields (none listed: every field). */
export const queueCounters = pgTable(
  'queue_counters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** The number announced and shown above the counter ("quầy số 2"). */
    number: integer('number').notNull(),
    name: text('name').notNull(),
    fieldCodes: text('field_codes').array().$type<string[]>().notNull().default(sql`'{}'::text[]`),
    /** Hours when the counter takes booked appointments; null: the agency's office hours. */
    hours: jsonb('hours').$type<OfficeHours>(),
    /** Booked appointments this counter takes per slot (0: none). */
    appointmentCapacity: integer('appointment_capacity').notNull().default(0),
    state: text('state').$type<'open' | 'closed'>().notNull().default('closed'),
    /** The officer on duty while open. */
    officerId: uuid('officer_id').references(() => users.id),
    openedAt: ts('opened_at'),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('queue_counters_number_idx').on(t.agencyId, t.number),
    check('queue_counters_state_check', sql`${t.state} in ('open', 'closed')`),
  ],
);

/** Last ticket number given per agency, local day and series (never reused within the day). */
export const queueSequences = pgTable(
  'queue_sequences',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    day: date('day', { mode: 'string' }).notNull(),
    series: text('series').notNull().default(''),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day, t.series] })],
);

/** A booked appointment (đặt lịch hẹn) for a field at an agency's desk, checked in at the kiosk by its code. */
export const queueBookings = pgTable(
  'queue_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    fieldCode: text('field_code')
      .notNull()
      .references(() => fields.code),
    day: date('day', { mode: 'string' }).notNull(),
    slotStart: ts('slot_start').notNull(),
    slotEnd: ts('slot_end').notNull(),
    userId: uuid('user_id').references(() => users.id),
    name: text('name').notNull(),
    phone: text('phone'),
    status: text('status').$type<'booked' | 'checked_in' | 'cancelled'>().notNull().default('booked'),
    ticketId: uuid('ticket_id'),
    createdAt: ts('created_at').notNull(),
    checkedInAt: ts('checked_in_at'),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [
    index('queue_bookings_slot_idx').on(t.agencyId, t.fieldCode, t.slotStart),
    index('queue_bookings_user_idx').on(t.userId),
    check('queue_bookings_status_check', sql`${t.status} in ('booked', 'checked_in', 'cancelled')`),
  ],
);

/** Bookings taken per agency, field and slot, incremented atomically against the slot's capacity. */
export const queueSlotCounts = pgTable(
  'queue_slot_counts',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    fieldCode: text('field_code').notNull(),
    slotStart: ts('slot_start').notNull(),
    booked: integer('booked').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.fieldCode, t.slotStart] })],
);

/** A numbered ticket (phiếu thứ tự) of an agency's local day. */
export const queueTickets = pgTable(
  'queue_tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    day: date('day', { mode: 'string' }).notNull(),
    number: integer('number').notNull(),
    /** What is printed and announced (e.g. "105"). */
    label: text('label').notNull(),
    fieldCode: text('field_code')
      .notNull()
      .references(() => fields.code),
    kind: text('kind').$type<'walk_in' | 'booked'>().notNull().default('walk_in'),
    priority: boolean('priority').notNull().default(false),
    status: text('status')
      .$type<'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'transferred'>()
      .notNull()
      .default('waiting'),
    /** The counter calling or serving it; for a transferred ticket, the counter it waits for. */
    counterId: uuid('counter_id').references(() => queueCounters.id),
    officerId: uuid('officer_id').references(() => users.id),
    bookingId: uuid('booking_id').references(() => queueBookings.id),
    /** A booked ticket's appointment time, served at that time ahead of walk-ins. */
    appointmentAt: ts('appointment_at'),
    issuedAt: ts('issued_at').notNull(),
    /** When it was first called (waiting time ends here). */
    calledAt: ts('called_at'),
    lastCalledAt: ts('last_called_at'),
    callCount: integer('call_count').notNull().default(0),
    servingAt: ts('serving_at'),
    endedAt: ts('ended_at'),
    transferredAt: ts('transferred_at'),
    dossierId: uuid('dossier_id').references(() => dossiers.id),
    dossierCode: text('dossier_code'),
  },
  (t) => [
    uniqueIndex('queue_tickets_number_idx').on(t.agencyId, t.day, t.number),
    index('queue_tickets_status_idx').on(t.agencyId, t.day, t.status),
    check(
      'queue_tickets_status_check',
      sql`${t.status} in ('waiting', 'called', 'serving', 'done', 'no_show', 'transferred')`,
    ),
    check('queue_tickets_kind_check', sql`${t.kind} in ('walk_in', 'booked')`),
  ],
);

/** What happened to tickets (issued, called, recalled, …), in order: the board's last calls and its resync cursor. */
export const queueEvents = pgTable(
  'queue_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    ticketId: uuid('ticket_id').references(() => queueTickets.id),
    counterId: uuid('counter_id').references(() => queueCounters.id),
    type: text('type').notNull(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
  },
  (t) => [index('queue_events_agency_idx').on(t.agencyId, t.id)],
);
