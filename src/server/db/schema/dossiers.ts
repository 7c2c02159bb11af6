/** Dossiers (hồ sơ): the projection, the event log, codes, files, outbox and online drafts. */
import { sql } from 'drizzle-orm';
import { bigserial, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import type { DossierEvent } from '../../../domain/dossier/events';
import { IN_PROCESSING, sqlList } from '../../../domain/dossier/lifecycle';
import { procedures, procedureVersions } from './catalogue';
import { ts, xid8 } from './columns';
import { files } from './files';
import { agencies, users } from './identity';

/** The statuses whose legal clock runs, as the partial indexes' SQL list (lifecycle.ts). */
const IN_PROCESSING_SQL = sql.raw(sqlList(IN_PROCESSING));

// ─── Dossiers (hồ sơ) ────────────────────────────────────────────────────────────────────────

/** Projection of a dossier's event log, kept in the same transaction as each event, for queries. */
export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').unique(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id),
    procedureVersionId: uuid('procedure_version_id')
      .notNull()
      .references(() => procedureVersions.id),
    channel: text('channel').$type<'counter' | 'online' | 'postal'>().notNull(),
    applicant: jsonb('applicant').$type<Record<string, unknown>>().notNull(),
    applicantName: text('applicant_name').notNull(),
    /** Who handed the dossier in when not the applicant (proxy, helper, postal staff). */
    submitter: jsonb('submitter').$type<Record<string, unknown>>(),
    /** The procedure's e-form as filled (validated against the version's field list). */
    formData: jsonb('form_data').$type<Record<string, unknown>>().notNull().default({}),
    /** The components as checked at the desk (thành phần hồ sơ). */
    components: jsonb('components').$type<Record<string, unknown>[]>().notNull().default([]),
    /** Workflow position (projection): step key, the agency holding it, and its assignee. */
    step: text('step'),
    /** The role that holds the current step (reception at the desk, else the step's role). */
    stepRole: text('step_role'),
    currentAgencyId: uuid('current_agency_id').references(() => agencies.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    searchText: text('search_text').notNull(),
    status: integer('status').notNull(),
    acceptedAt: ts('accepted_at'),
    dueAt: ts('due_at'),
    appointmentAt: ts('appointment_at'),
    endedAt: ts('ended_at'),
    returnedAt: ts('returned_at'),
    eventCount: integer('event_count').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('dossiers_agency_status_idx').on(t.agencyId, t.status),
    index('dossiers_due_idx').on(t.dueAt),
    index('dossiers_current_agency_idx').on(t.currentAgencyId, t.status),
    index('dossiers_assignee_idx').on(t.assigneeId),
    // Deadline worklists (due soon, at risk, overdue) walk only the open dossiers in due order (issue 8).
    index('dossiers_open_due_idx').on(t.dueAt).where(sql`${t.status} in (${IN_PROCESSING_SQL})`),
    // The same per agency (received by it, or now held by it): an agency's due-soon and overdue lists and
    // their counts read its own open dossiers, not the province's in the due window (issue 8).
    index('dossiers_open_agency_due_idx')
      .on(t.agencyId, t.dueAt)
      .where(sql`${t.status} in (${IN_PROCESSING_SQL})`),
    index('dossiers_open_current_due_idx')
      .on(t.currentAgencyId, t.dueAt)
      .where(sql`${t.status} in (${IN_PROCESSING_SQL})`),
    // 'Mine' worklist: the officer's open dossiers in due order, not their whole history (issue 8).
    index('dossiers_open_assignee_idx')
      .on(t.assigneeId, t.dueAt)
      .where(sql`${t.status} in (${IN_PROCESSING_SQL})`),
    // 'Waiting for approval' (the leader's step) and 'unassigned' tabs: the open dossiers at a step of the
    // agency by the step's role, in due order — not every open dossier of the agency (issue 8).
    index('dossiers_open_step_idx')
      .on(t.currentAgencyId, t.stepRole, t.dueAt)
      .where(sql`${t.status} in (${IN_PROCESSING_SQL})`),
    index('dossiers_unassigned_idx')
      .on(t.currentAgencyId, t.stepRole, t.dueAt)
      .where(sql`${t.status} in (${IN_PROCESSING_SQL}) and ${t.assigneeId} is null`),
    // Name / code / ID search (`like '%…%'` on the folded text) at millions of dossiers (issue 8).
    index('dossiers_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // Newest first: the desk's list of all dossiers and common searches walk it and stop at a page (issue 8).
    index('dossiers_created_idx').on(t.createdAt),
  ],
);

/**
 * Full-name search (several words, letters only; decision 0009): each dossier's applicant name, folded
 * (bỏ dấu), from its 1st, 2nd and 3rd word, with the dossier's agencies and creation time — kept by the
 * `dossier_names_sync` trigger on `dossiers` (migration 0017), which reads them from the search text
 * `[code ]name[ ID number]`. Each index holds every column a search reads, so a common pair of names
 * ("thu mai": tens of thousands of dossiers at 10 M) is found, scoped and ordered newest first from the
 * index alone (an index-only scan), without reading those dossiers; an expression index on `dossiers`
 * cannot do that.
 */
export const dossierNames = pgTable(
  'dossier_names',
  {
    dossierId: uuid('dossier_id')
      .primaryKey()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id').notNull(),
    currentAgencyId: uuid('current_agency_id'),
    createdAt: ts('created_at').notNull(),
    fromWord1: text('from_word1').notNull(),
    fromWord2: text('from_word2').notNull(),
    fromWord3: text('from_word3').notNull(),
  },
  (t) =>
    (['fromWord1', 'fromWord2', 'fromWord3'] as const).map((w, i) =>
      index(`dossier_names_word${i + 1}_idx`).on(
        t[w].op('text_pattern_ops'),
        t.agencyId,
        t.currentAgencyId,
        t.createdAt,
        t.dossierId,
      ),
    ),
);

/** The append-only history of each dossier. */
export const dossierEvents = pgTable(
  'dossier_events',
  {
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    event: jsonb('event').$type<DossierEvent>().notNull(),
    /** The writing transaction's id: the statistics job consumes events past a watermark of these. */
    txid: xid8('txid').notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [
    primaryKey({ columns: [t.dossierId, t.seq] }),
    index('dossier_events_txid_idx').on(t.txid),
    /** "Hồ sơ của tôi": the dossiers a user handed in are those whose first event is theirs. */
    index('dossier_events_submitter_idx').on(t.actorId, t.dossierId).where(sql`seq = 1`),
  ],
);

/** Daily sequence of dossier codes per receiving agency (never reused). */
export const dossierSequences = pgTable(
  'dossier_sequences',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    day: date('day', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day] })],
);

/** First results of commands sent with an Idempotency-Key, so a retry returns the same answer. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    key: text('key').primaryKey(),
    userId: uuid('user_id'),
    response: jsonb('response').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  // The purge job (jobs/purge.ts) removes keys by age.
  (t) => [index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** Files of a dossier: scanned components (thành phần hồ sơ) and result documents (giấy tờ kết quả). */
export const dossierFiles = pgTable(
  'dossier_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    kind: text('kind').$type<'component' | 'result'>().notNull(),
    /** The catalogue component this scan belongs to (for kind = component). */
    component: text('component'),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [index('dossier_files_dossier_idx').on(t.dossierId)],
);

/**
 * Messages to applicants (thông báo: SMS, e-mail), written in the same transaction as the event that
 * causes them and delivered afterwards by the dispatcher (transactional outbox).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    createdAt: ts('created_at').notNull(),
    topic: text('topic').notNull(),
    dossierId: uuid('dossier_id').references(() => dossiers.id),
    recipient: jsonb('recipient')
      .$type<{ name: string; phone: string | null; email: string | null }>()
      .notNull(),
    message: text('message').notNull(),
    status: text('status').$type<'pending' | 'sent' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    sentAt: ts('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_pending_idx').on(t.status, t.nextAttemptAt),
    index('outbox_dossier_idx').on(t.dossierId),
  ],
);

/** An online submission in progress (hồ sơ nháp), saved to the account so it survives a closed browser. */
export const dossierDrafts = pgTable(
  'dossier_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    procedureCode: text('procedure_code').notNull(),
    agencyCode: text('agency_code'),
    /** Everything entered so far: applicant, e-form, receipt method, uploaded file ids. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('dossier_drafts_user_idx').on(t.userId, t.updatedAt)],
);
