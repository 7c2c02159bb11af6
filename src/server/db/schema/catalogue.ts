/** The procedure catalogue (thủ tục hành chính), its workflows, and the legal working time. */
import { sql } from 'drizzle-orm';
import {
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
import type { DecisionAction, ProcedureContent } from '../../../domain/catalogue/procedure';
import type { Workflow } from '../../../domain/dossier/workflow';
import { ts } from './columns';
import { agencies, users } from './identity';

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
