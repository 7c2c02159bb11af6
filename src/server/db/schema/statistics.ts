/** Statistics (thống kê, Decision 766): rollups, contributions, watermark and entered inputs. */
import { bigint, date, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts, xid8 } from './columns';
import { agencies, users } from './identity';

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
