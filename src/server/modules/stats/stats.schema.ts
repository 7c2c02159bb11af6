// The statistics' answers (issue 17: every route has a response schema). Fastify serializes each answer through its
// schema, so a field missing here is dropped: the `Same` checks below fail the typecheck when a schema and the type
// the service returns part ways.
import { z } from 'zod';
import { RatingsSummary } from '../../../domain/payment/rating';
import { FLOW_METRICS, STOCK_STATES } from '../../../domain/stats/classify';
import {
  CELLS,
  type ProcessingFigures as Figures,
  type Totals as TotalsType,
} from '../../../domain/stats/report';
import { INPUT_KEYS, type Scorecard as ScorecardType } from '../../../domain/stats/scorecard';
import type { Same } from '../../openapi';
import type { DossierLine as DossierLineType } from './behind';
import { DIMENSIONS } from './scope';
import type { FeedbackFigures as FeedbackType } from './scorecard';
import type { ReportRow } from './totals';

const Rate = z.number().nullable();
const Count = z.number();
const IsoDay = z.string().describe('YYYY-MM-DD');
const AgencyRef = z.object({ id: z.uuid(), name: z.string() });
export const Cell = z.enum(CELLS);

/** One line of the processing report (the layout of Vietnamese one-stop reports). */
export const ProcessingFigures = z.object({
  carriedOver: Count,
  receivedCounter: Count,
  receivedOnline: Count,
  receivedPostal: Count,
  received: Count,
  toHandle: Count,
  resolvedEarly: Count,
  resolvedOnTime: Count,
  resolvedLate: Count,
  resolved: Count,
  inProgressWithinTime: Count,
  inProgressOverdue: Count,
  pausedInTime: Count,
  pausedLate: Count,
  paused: Count,
  inProgress: Count,
  refused: Count,
  withdrawn: Count,
  stopped: Count,
  apologized: Count,
  supplementRequested: Count,
  finished: Count,
  averageDays: z.number().nullable().describe('Số ngày giải quyết trung bình (đã trừ thời gian chờ)'),
  finishedEresult: Count,
  onTimeRate: Rate.describe('(trước hạn + đúng hạn) ÷ đã giải quyết'),
  onTime766: Count,
});
export type ProcessingFigures = z.infer<typeof ProcessingFigures>;

const ReportLine = z.object({ key: z.string(), label: z.string(), figures: ProcessingFigures });

export const ProcessingReport = z.object({
  agency: AgencyRef,
  from: IsoDay,
  to: IsoDay,
  asOf: IsoDay.describe('Số liệu hồ sơ đang giải quyết tính đến hết ngày này'),
  by: z.enum(DIMENSIONS),
  rows: z.array(ReportLine),
  total: ProcessingFigures,
  cells: z.array(z.object({ key: Cell, label: z.string() })),
});
export type ProcessingReport = z.infer<typeof ProcessingReport>;

export const DossierLine = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  applicantName: z.string(),
  procedureName: z.string(),
  channel: z.string(),
  status: z.number().int(),
  statusName: z.string(),
  acceptedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type DossierLine = z.infer<typeof DossierLine>;

export const DossiersBehind = z.object({ total: z.number().int(), items: z.array(DossierLine) });
export type DossiersBehind = z.infer<typeof DossiersBehind>;

const InputKey = z.enum(INPUT_KEYS);
const InputSource = z.enum(['motcua', 'entered', 'missing']);

const IndicatorScore = z.object({
  code: z.string(),
  metric: z.string().nullable(),
  name: z.string(),
  max: z.number(),
  formula: z.string(),
  source: z.string(),
  inputs: z.array(
    z.object({
      key: InputKey,
      label: z.string(),
      value: z.number(),
      source: InputSource,
      note: z.string().nullable(),
    }),
  ),
  r: z.number().nullable(),
  score: z.number(),
  incomplete: z.boolean(),
});
const GroupScore = z.object({
  code: z.string(),
  name: z.string(),
  max: z.number(),
  score: z.number(),
  indicators: z.array(IndicatorScore),
});
const ScorecardScores = z.object({ total: z.number(), max: z.number(), groups: z.array(GroupScore) });

/** The Decision 766 scorecard of an agency for a period, with the inputs an administrator may enter. */
export const ScorecardView = ScorecardScores.extend({
  agency: AgencyRef,
  from: IsoDay,
  to: IsoDay,
  /** Which report cell lists the dossiers behind an input. */
  inputCells: z.partialRecord(InputKey, Cell),
  enterable: z.array(
    z.object({
      key: InputKey,
      label: z.string(),
      value: z.object({
        value: z.number(),
        source: InputSource,
        note: z.string().nullable().optional(),
        enteredBy: z.string().nullable().optional(),
        enteredAt: z.string().nullable().optional(),
      }),
    }),
  ),
});
export type ScorecardView = z.infer<typeof ScorecardView>;

export const Ok = z.object({ ok: z.literal(true) });

const FeedbackFigures = z.object({
  total: Count,
  complaints: Count,
  recommendations: Count,
  answered: Count,
  answeredOnTime: Count,
  pendingInTime: Count,
  late: Count,
  published: Count,
  dossierComplaints: Count,
});

export const Satisfaction = z.object({
  ratings: RatingsSummary.extend({ disliked: z.number().int().describe('Số lượt đánh giá không hài lòng') }),
  feedback: FeedbackFigures,
});
export type Satisfaction = z.infer<typeof Satisfaction>;

const KeyLabel = { key: z.string(), label: z.string() };
export const Dashboard = z.object({
  agency: AgencyRef,
  total: ProcessingFigures,
  trend: z.array(z.object({ month: z.string(), received: Count, resolved: Count, late: Count })),
  onTimeByAgency: z.array(z.object({ ...KeyLabel, resolved: Count, onTimeRate: Rate })),
  overdueNow: z.object({ overdue: Count, open: Count }),
  topLateProcedures: z.array(z.object({ ...KeyLabel, late: Count, overdue: Count, resolved: Count })),
  officers: z.array(z.object({ ...KeyLabel, resolved: Count, onTimeRate: Rate })),
});
export type Dashboard = z.infer<typeof Dashboard>;

const Totals = z.object({
  flows: z.record(z.enum(FLOW_METRICS), z.number()),
  start: z.record(z.enum(STOCK_STATES), z.number()),
  end: z.record(z.enum(STOCK_STATES), z.number()),
});
export const Consistency = z.object({
  matches: z.boolean(),
  cells: z.number().int(),
  dossiers: z.number().int(),
  differences: z.array(z.object({ key: z.string(), rollup: Totals, events: Totals })),
});
export type Consistency = z.infer<typeof Consistency>;

export const Transparency = z.object({
  from: IsoDay,
  to: IsoDay,
  asOf: IsoDay,
  agencies: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      parentId: z.uuid().nullable(),
      /** How many agencies below it its figures include (a city's card sums its wards'). */
      subAgencies: z.number().int(),
      figures: ProcessingFigures,
      /** The Decision 766 total, or null when the agency had no dossier to handle in the period. */
      score: z.number().nullable(),
      groups: z.array(z.object({ code: z.string(), name: z.string(), max: z.number(), score: z.number() })),
    }),
  ),
});
export type Transparency = z.infer<typeof Transparency>;

// Compile-time: the schemas describe exactly what the service and the domain return.
true satisfies Same<ProcessingFigures, Figures>;
true satisfies Same<z.infer<typeof ReportLine>, ReportRow>;
true satisfies Same<DossierLine, DossierLineType>;
true satisfies Same<z.infer<typeof ScorecardScores>, ScorecardType>;
true satisfies Same<z.infer<typeof Totals>, TotalsType>;
true satisfies Same<Omit<z.infer<typeof FeedbackFigures>, 'dossierComplaints'>, FeedbackType>;
