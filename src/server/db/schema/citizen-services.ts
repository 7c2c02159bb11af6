/** Citizen services (cổng dịch vụ công): payments, ratings, feedback. */
import { boolean, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { procedures } from './catalogue';
import { ts } from './columns';
import { dossiers } from './dossiers';
import { agencies, users } from './identity';

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
