import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AgencyLevel, OfficeHours } from '../../domain/agency/agency';
import type { DecisionAction, ProcedureContent } from '../../domain/catalogue/procedure';
import type { DossierEvent } from '../../domain/dossier/events';
import { IN_PROCESSING, sqlList } from '../../domain/dossier/lifecycle';
import type { Workflow } from '../../domain/dossier/workflow';
import type { Role } from '../../domain/identity/role';

/** The statuses whose legal clock runs, as the partial indexes' SQL list (lifecycle.ts). */
const IN_PROCESSING_SQL = sql.raw(sqlList(IN_PROCESSING));

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A transaction id (64-bit, never wraps), written as a decimal string. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

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

// ─── Procedure catalogue (thủ tục hành chính) ────────────────────────────────────────────────

/** Fields (lĩnh vực). */
export const fields = pgTable('fields', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  sector: text('sector').notNull().default(''),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** Publication decisions (quyết định công bố): drafts until published, then applied. */
export const decisions = pgTable('publication_decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull(),
  signedOn: date('signed_on', { mode: 'string' }).notNull(),
  effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
  issuer: text('issuer').notNull(),
  title: text('title').notNull().default(''),
  status: text('status').$type<'draft' | 'published'>().notNull().default('draft'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull(),
  publishedAt: ts('published_at'),
});

/** What a decision does: add, amend or abolish one procedure. */
export const decisionItems = pgTable(
  'publication_decision_items',
  {
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    action: text('action').$type<DecisionAction>().notNull(),
    procedureCode: text('procedure_code').notNull(),
    content: jsonb('content').$type<ProcedureContent>(),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.position] })],
);

export const procedures = pgTable('procedures', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  /** The date from which the procedure no longer applies (abolished by a decision), or null. */
  abolishedOn: date('abolished_on', { mode: 'string' }),
  abolishedBy: uuid('abolished_by').references(() => decisions.id),
  createdAt: ts('created_at').notNull(),
});

/** Versions of a procedure; a dossier keeps the version it was received under. */
export const procedureVersions = pgTable(
  'procedure_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id),
    versionNo: integer('version_no').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    decisionId: uuid('decision_id').references(() => decisions.id),
    fieldCode: text('field_code')
      .notNull()
      .references(() => fields.code),
    level: text('level').$type<ProcedureContent['level']>().notNull(),
    content: jsonb('content').$type<ProcedureContent>().notNull(),
    /** Folded name and code (no diacritics, lower case) for search. */
    searchText: text('search_text').notNull(),
    /** Where the content came from (seed source, import file, editor). */
    source: jsonb('source'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('procedure_versions_no_idx').on(t.procedureId, t.versionNo),
    index('procedure_versions_field_idx').on(t.fieldCode),
    index('procedure_versions_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/** Which agencies implement which procedures, with the local overrides the law allows. */
export const agencyProcedures = pgTable(
  'agency_procedures',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id),
    /** A shorter committed processing time than the legal one, or null. */
    committedTime: jsonb('committed_time').$type<{
      amount: number;
      unit: ProcedureContent['processingTime']['unit'];
    }>(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.procedureId] }),
    index('agency_procedures_proc_idx').on(t.procedureId),
  ],
);

// ─── Legal working time ──────────────────────────────────────────────────────────────────────

/** A year's official holiday schedule; replaces that year's statutory placement (calendar.md §1). */
export const officialSchedules = pgTable('official_schedules', {
  year: integer('year').primaryKey(),
  decision: text('decision').notNull(),
  daysOff: jsonb('days_off').$type<string[]>().notNull(),
  workingDays: jsonb('working_days').$type<string[]>().notNull(),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
});

// ─── Stored files ────────────────────────────────────────────────────────────────────────────

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Stored files: form templates, the citizens' photos and scans, result documents. `public` files (form templates)
 * can be downloaded by anyone; others only by those who may see their dossier or draft. The bytes live in the file
 * storage under `storage_key` (issue 18: local files or S3, storage/); `data` holds the bytes of files stored before
 * that, until the move job (storage/move.ts) has copied them out, checked their SHA-256 and emptied it.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    public: boolean('public').notNull().default(false),
    data: bytea('data'),
    storageKey: text('storage_key'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  // The files still held in `data`, for the move job: empty once every file is in the storage.
  (t) => [index('files_in_database_idx').on(t.id).where(sql`${t.storageKey} is null`)],
);

/**
 * A procedure's workflow (quy trình nội bộ), versioned: each saved change is a new version, and a
 * dossier keeps the version in force when it was accepted. Agency-specific versions override the
 * procedure's general one for that receiving agency.
 */
export const procedureWorkflows = pgTable(
  'procedure_workflows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id),
    agencyId: uuid('agency_id').references(() => agencies.id),
    versionNo: integer('version_no').notNull(),
    workflow: jsonb('workflow').$type<Workflow>().notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('procedure_workflows_proc_idx').on(t.procedureId, t.agencyId, t.versionNo)],
);

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

// ─── Citizen portal (cổng dịch vụ công) ──────────────────────────────────────────────────────

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

/** What an applicant owes and pays for a dossier (phí, lệ phí, nghĩa vụ tài chính). */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    /** The transfer content the bank shows and the gateway echoes back (nội dung chuyển khoản). */
    reference: text('reference').notNull().unique(),
    purpose: text('purpose').notNull(),
    amountVnd: integer('amount_vnd').notNull(),
    method: text('method').$type<'vietqr' | 'gateway' | 'counter'>(),
    status: text('status').$type<'pending' | 'paid' | 'cancelled'>().notNull().default('pending'),
    gatewayTxn: text('gateway_txn'),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    confirmedAt: ts('confirmed_at'),
    raw: jsonb('raw'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('payments_dossier_idx').on(t.dossierId)],
);

/** The applicant's rating of the service once the result is returned (SIPAS-style), one per dossier. */
export const ratings = pgTable('ratings', {
  dossierId: uuid('dossier_id')
    .primaryKey()
    .references(() => dossiers.id),
  userId: uuid('user_id').references(() => users.id),
  agencyId: uuid('agency_id')
    .notNull()
    .references(() => agencies.id),
  /** 1–5 per criterion: access, procedure, officers, result, feedback. */
  scores: jsonb('scores').$type<Record<string, number>>().notNull(),
  comment: text('comment'),
  createdAt: ts('created_at').notNull(),
});

/** Feedback and recommendations (phản ánh, kiến nghị) about a procedure or a dossier, answered by the agency. */
export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    kind: text('kind').$type<'complaint' | 'recommendation'>().notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    procedureId: uuid('procedure_id').references(() => procedures.id),
    dossierId: uuid('dossier_id').references(() => dossiers.id),
    authorId: uuid('author_id').references(() => users.id),
    authorName: text('author_name').notNull(),
    contact: jsonb('contact').$type<{ phone: string | null; email: string | null }>().notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: ts('answered_at'),
    published: boolean('published').notNull().default(false),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('feedback_agency_idx').on(t.agencyId, t.createdAt)],
);

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

// ─── Statistics (thống kê, Decision 766) ─────────────────────────────────────────────────────

/**
 * Per-day rollups of the processing report: flows counted on their local day and signed deltas of
 * the open-dossier stocks (src/domain/stats/classify.ts). Officer `00000000-…` means nobody yet.
 */
export const statsDaily = pgTable(
  'stats_daily',
  {
    agencyId: uuid('agency_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    procedureId: uuid('procedure_id').notNull(),
    fieldCode: text('field_code').notNull(),
    channel: text('channel').notNull(),
    officerId: uuid('officer_id').notNull(),
    metric: text('metric').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.agencyId, t.day, t.procedureId, t.fieldCode, t.channel, t.officerId, t.metric],
    }),
  ],
);

/**
 * The open-dossier stock deltas of `stats_daily` summed per month (`month` = its first day), so the
 * stock at a date reads whole months here and only the days of its own month there.
 */
export const statsMonthly = pgTable(
  'stats_monthly',
  {
    agencyId: uuid('agency_id').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    procedureId: uuid('procedure_id').notNull(),
    fieldCode: text('field_code').notNull(),
    channel: text('channel').notNull(),
    officerId: uuid('officer_id').notNull(),
    metric: text('metric').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.agencyId, t.month, t.procedureId, t.fieldCode, t.channel, t.officerId, t.metric],
    }),
  ],
);

/**
 * Coarse rollup for the unfiltered views (issue 8): the same signed deltas as `stats_daily` keyed only by
 * agency, channel and metric, at three grains — `grain` 'day', 'month' or 'year', `start` the first day of
 * the day/month/year. A period reads whole years, then whole months, then edge days; a stock at a date is
 * the deltas before it read the same way, so a report reads a bounded number of rows per agency whatever
 * the number of dossiers. Maintained in the same transaction as `stats_daily`.
 */
export const statsCoarse = pgTable(
  'stats_coarse',
  {
    agencyId: uuid('agency_id').notNull(),
    grain: text('grain').notNull(),
    start: date('start', { mode: 'string' }).notNull(),
    channel: text('channel').notNull(),
    metric: text('metric').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.grain, t.start, t.channel, t.metric] })],
);

/** The same per agency, procedure and metric (report by procedure, one-procedure filter, 766 scorecard). */
export const statsCoarseProcedure = pgTable(
  'stats_coarse_procedure',
  {
    agencyId: uuid('agency_id').notNull(),
    grain: text('grain').notNull(),
    start: date('start', { mode: 'string' }).notNull(),
    procedureId: uuid('procedure_id').notNull(),
    metric: text('metric').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.grain, t.start, t.procedureId, t.metric] })],
);

/**
 * The same per agency, field, officer and metric (report by field or by officer, one-field or one-officer
 * filter): the views that read `stats_daily` before, whose reads grew with the dossiers.
 */
export const statsCoarseStaff = pgTable(
  'stats_coarse_staff',
  {
    agencyId: uuid('agency_id').notNull(),
    grain: text('grain').notNull(),
    start: date('start', { mode: 'string' }).notNull(),
    fieldCode: text('field_code').notNull(),
    officerId: uuid('officer_id').notNull(),
    metric: text('metric').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.grain, t.start, t.fieldCode, t.officerId, t.metric] })],
);

/** What each dossier currently contributes to `stats_daily`, so a change is applied as a difference. */
export const statsContributions = pgTable('stats_contributions', {
  dossierId: uuid('dossier_id').primaryKey(),
  agencyId: uuid('agency_id').notNull(),
  procedureId: uuid('procedure_id').notNull(),
  fieldCode: text('field_code').notNull(),
  channel: text('channel').notNull(),
  deltas: jsonb('deltas')
    .$type<{ day: number; metric: string; officerId: string | null; n: number }[]>()
    .notNull(),
  eventCount: integer('event_count').notNull(),
});

/** How far the statistics job has consumed `dossier_events` (a transaction-id watermark). */
export const statsWatermark = pgTable('stats_watermark', {
  name: text('name').primaryKey(),
  consumedBelow: xid8('consumed_below').notNull(),
  runs: bigint('runs', { mode: 'number' }).notNull().default(0),
  updatedAt: ts('updated_at').notNull(),
});

/** Scorecard inputs outside motcua's data, entered by an administrator for an agency and period. */
export const statsEnteredInputs = pgTable(
  'stats_entered_inputs',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    key: text('key').notNull(),
    value: integer('value').notNull(),
    note: text('note').notNull(),
    enteredBy: uuid('entered_by').references(() => users.id),
    enteredAt: ts('entered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.periodFrom, t.periodTo, t.key] })],
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
 * Stored objects no row names any more (a dropped draft's files, an upload whose request failed), written in the
 * transaction that let them go; the collect job (storage/collect.ts) deletes the objects, then the rows.
 */
export const fileGarbage = pgTable('file_garbage', {
  storageKey: text('storage_key').primaryKey(),
  since: ts('since').notNull(),
});
