/** Identity and platform: agencies, accounts, sessions, audit trail, and the tables the instances share. */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AgencyLevel, OfficeHours } from '../../../domain/agency/agency';
import type { Role } from '../../../domain/identity/role';
import { ts } from './columns';

/** Agencies (cơ quan, đơn vị): a tree province → (district →) commune. */
export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => agencies.id),
    code: text('code').notNull().unique(), // mã định danh, QCVN 102:2016
    name: text('name').notNull(),
    level: text('level').$type<AgencyLevel>().notNull(),
    address: text('address').notNull().default(''),
    phone: text('phone'),
    email: text('email'),
    officeHours: jsonb('office_hours').$type<OfficeHours>().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('agencies_parent_idx').on(t.parentId),
    check('agencies_level_check', sql`${t.level} in ('province', 'district', 'commune')`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    fullName: text('full_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    roles: text('roles').array().$type<Role[]>().notNull(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    active: boolean('active').notNull().default(true),
    /** Portal accounts: a person (cá nhân) or an organisation (tổ chức, with its tax code). */
    accountKind: text('account_kind').$type<'person' | 'organisation'>().notNull().default('person'),
    taxCode: text('tax_code'),
    /** A community helper (người hỗ trợ cộng đồng) may submit on citizens' behalf. */
    communityHelper: boolean('community_helper').notNull().default(false),
    /** When the phone number (or e-mail) was proved by a code; unverified accounts cannot submit. */
    verifiedAt: ts('verified_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('users_agency_idx').on(t.agencyId)],
);

/** Login sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  // The purge job (jobs/purge.ts) finds ended sessions by their end.
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Append-only audit trail of every change (who, when, what). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    data: jsonb('data'),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId)],
);

/** Facts about the database itself, e.g. when demo data was seeded. */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

/** One-time codes sent through the outbox to verify an account or reset its password; only a hash is kept. */
export const verificationCodes = pgTable(
  'verification_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<'verify' | 'reset'>().notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    consumedAt: ts('consumed_at'),
  },
  (t) => [
    index('verification_codes_user_idx').on(t.userId, t.purpose),
    index('verification_codes_expires_idx').on(t.expiresAt),
  ],
);

/**
 * Which app instance runs each periodic job marked `singleton` (issue 18; jobs/lease.ts): the holder renews its
 * row at every run; another instance takes the job over once the row has expired (its holder stopped or died).
 * Times are the database's own clock, the one all instances share.
 */
export const jobLeases = pgTable('job_leases', {
  job: text('job').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: ts('expires_at').notNull(),
});

/**
 * The limits' shared counters (issue 18; modules/auth/rate-limit.ts): one row per limited key, so every instance of
 * a cluster counts the same attempts and a restart forgets none. A sliding limit keeps the times of its recent hits
 * (`hits`, epoch milliseconds); a fixed-window one (the anonymous lookups, `@fastify/rate-limit`) its `count` until
 * `expires_at`. The purge job removes rows whose `expires_at` has passed.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  hits: jsonb('hits').$type<number[]>().notNull().default([]),
  count: integer('count').notNull().default(0),
  expiresAt: ts('expires_at').notNull(),
});

/**
 * The development sink's messages (MOTCUA_MESSAGES=dev; refused in production): what was "sent" to a phone or an
 * e-mail address, read back at GET /api/v1/dev/messages by any instance of a development cluster (issue 18). The
 * newest 500 are kept.
 */
export const devMessages = pgTable(
  'dev_messages',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: text('id').notNull(),
    at: ts('at').notNull(),
    topic: text('topic').notNull(),
    channel: text('channel').$type<'sms' | 'email'>().notNull(),
    to: text('to').notNull(),
    name: text('name').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
  },
  (t) => [index('dev_messages_to_idx').on(t.to, t.seq)],
);
