// The API contract as the web app sees it: the types of the server's answers, inferred from the very Zod schemas
// Fastify validates and serializes them with (issue 17, decision 0013). The web imports server types from here and
// nowhere else (src/architecture.test.ts). Type-only on purpose: no server or Zod code reaches the bundle.
import type { z } from 'zod';
import type { Agency as AgencySchema } from '../domain/agency/agency';
import type { RatingsSummary as RatingsSummarySchema } from '../domain/payment/rating';
import type {
  DaysView as DaysViewSchema,
  Explanation as ExplanationSchema,
  OfficialScheduleList as OfficialScheduleListSchema,
} from '../server/modules/calendar/calendar.schema';
import type {
  Account as AccountSchema,
  CodeSent as CodeSentSchema,
} from '../server/modules/accounts/accounts.schema';
import type { AgencyList as AgencyListSchema } from '../server/modules/agencies/agencies.schema';
import type {
  LoginResponse as LoginResponseSchema,
  Me as MeSchema,
  Session as SessionSchema,
} from '../server/modules/auth/auth.schema';
import type {
  AdoptionList as AdoptionListSchema,
  Decision as DecisionSchema,
  DecisionImported as DecisionImportedSchema,
  DecisionList as DecisionListSchema,
  ProcedureDetail as ProcedureDetailSchema,
  FieldList as FieldListSchema,
  FieldWithCount,
  ProcedureList as ProcedureListSchema,
  VersionDiffResponse,
  VersionList,
} from '../server/modules/catalogue/catalogue.schema';
import type {
  DraftFile as DraftFileSchema,
  DraftList as DraftListSchema,
  DraftView as DraftViewSchema,
  SubmitResult as SubmitResultSchema,
} from '../server/modules/drafts/drafts.schema';
import type { PostalHandover as PostalHandoverSchema } from '../server/modules/dossier-forms/postal.schema';
import type {
  ApplicantLookup as ApplicantLookupSchema,
  Assignee as AssigneeSchema,
  DossierList as DossierListSchema,
  DossierListItem as DossierListItemSchema,
  DossierView as DossierViewSchema,
  PublicDossier as PublicDossierSchema,
  PublicDossierByReference as PublicDossierByReferenceSchema,
  WorklistCounts as WorklistCountsSchema,
} from '../server/modules/dossiers/dossiers.schema';
import type { RegisterRow as RegisterRowSchema } from '../server/modules/dossiers/register';
import type {
  FeedbackItem as FeedbackItemSchema,
  FeedbackReceived as FeedbackReceivedSchema,
} from '../server/modules/feedback/feedback.schema';
import type {
  MyDossierList as MyDossierListSchema,
  MyDossier as MyDossierSchema,
  MyApplicant as MyApplicantSchema,
} from '../server/modules/my/my.schema';
import type {
  FeesView as FeesViewSchema,
  PaymentView as PaymentViewSchema,
} from '../server/modules/payments/payments.schema';
import type {
  BoardState as BoardStateSchema,
  BookingView as BookingViewSchema,
  CounterView as CounterViewSchema,
  SlotsView as SlotsViewSchema,
  StatsView as QueueStatsSchema,
  TicketView as TicketViewSchema,
} from '../server/modules/queue/queue.schema';
import type {
  Consistency as ConsistencySchema,
  Dashboard as DashboardSchema,
  DossiersBehind as DossiersBehindSchema,
  ProcessingReport as ProcessingReportSchema,
  Satisfaction as SatisfactionSchema,
  ScorecardView as ScorecardViewSchema,
  Transparency as TransparencySchema,
} from '../server/modules/stats/stats.schema';
import type { UserList as UserListSchema, User as UserSchema } from '../server/modules/users/users.schema';
import type { WorkflowView as WorkflowViewSchema } from '../server/modules/workflows/workflows.schema';

// ─── Identity, agencies, users ─────────────────────────────────────────────────────────────────
export type { Role } from '../domain/identity/role';
export type Me = z.infer<typeof MeSchema>;
export type Agency = z.infer<typeof AgencySchema>;
export type AgencyList = z.infer<typeof AgencyListSchema>;
export type User = z.infer<typeof UserSchema>;
export type UserList = z.infer<typeof UserListSchema>;
export type LoginResponse = z.infer<typeof LoginResponseSchema>;
export type Session = z.infer<typeof SessionSchema>;
export type Account = z.infer<typeof AccountSchema>;
export type CodeSent = z.infer<typeof CodeSentSchema>;

// ─── Catalogue ─────────────────────────────────────────────────────────────────────────────────
export type FieldItem = z.infer<typeof FieldWithCount>;
export type FieldList = z.infer<typeof FieldListSchema>;
export type ProcedureList = z.infer<typeof ProcedureListSchema>;
export type ProcedureSummary = ProcedureList['items'][number];
export type ProcedureDetail = z.infer<typeof ProcedureDetailSchema>;
export type Versions = z.infer<typeof VersionList>;
export type VersionDiff = z.infer<typeof VersionDiffResponse>;
export type Decision = z.infer<typeof DecisionSchema>;
export type DecisionImported = z.infer<typeof DecisionImportedSchema>;
export type DecisionList = z.infer<typeof DecisionListSchema>;
export type DecisionListItem = DecisionList['items'][number];
/** A row of the catalogue spreadsheet that could not be imported (the `details` of IMPORT_INVALID). */
export type { RowProblem as ImportProblem } from '../domain/catalogue/spreadsheet';
export type AdoptionList = z.infer<typeof AdoptionListSchema>;
export type AdoptionRow = AdoptionList['items'][number];

// ─── Working calendar, workflows ───────────────────────────────────────────────────────────────
export type CalendarDays = z.infer<typeof DaysViewSchema>;
export type CalendarDay = CalendarDays['days'][number];
export type OfficialSchedules = z.infer<typeof OfficialScheduleListSchema>;
export type OfficialSchedule = OfficialSchedules['items'][number];
/** How a due date was reached (the calendar's explanation, also a dossier's). */
export type Explanation = z.infer<typeof ExplanationSchema>;
export type WorkflowView = z.infer<typeof WorkflowViewSchema>;
export type WorkflowStepView = WorkflowView['workflow']['steps'][number];

// ─── Dossiers ──────────────────────────────────────────────────────────────────────────────────
export type DossierView = z.infer<typeof DossierViewSchema>;
export type DossierFile = DossierView['files'][number];
export type DossierEventView = DossierView['events'][number];
export type DossierListItem = z.infer<typeof DossierListItemSchema>;
export type DossierList = z.infer<typeof DossierListSchema>;
export type WorklistCounts = z.infer<typeof WorklistCountsSchema>;
export type PublicDossier = z.infer<typeof PublicDossierSchema>;
export type PublicDossierByReference = z.infer<typeof PublicDossierByReferenceSchema>;
export type ApplicantLookup = z.infer<typeof ApplicantLookupSchema>;
export type Assignee = z.infer<typeof AssigneeSchema>;
export type RegisterRow = z.infer<typeof RegisterRowSchema>;
export type PostalHandover = z.infer<typeof PostalHandoverSchema>;
export type PostalGroup = PostalHandover['groups'][number];
export type PostalRow = PostalGroup['rows'][number];
export type MyDossierList = z.infer<typeof MyDossierListSchema>;
export type MyDossierItem = MyDossierList['items'][number];
export type MyDossier = z.infer<typeof MyDossierSchema>;
export type MyApplicant = z.infer<typeof MyApplicantSchema>;

// ─── Drafts (online submission) ────────────────────────────────────────────────────────────────
export type DraftFile = z.infer<typeof DraftFileSchema>;
export type Draft = z.infer<typeof DraftViewSchema>;
export type DraftList = z.infer<typeof DraftListSchema>;
/** The answer of POST /drafts/{id}/submit: the dossier created. */
export type SubmitResult = z.infer<typeof SubmitResultSchema>;

// ─── Payments, ratings, feedback ───────────────────────────────────────────────────────────────
export type FeesView = z.infer<typeof FeesViewSchema>;
export type PaymentView = z.infer<typeof PaymentViewSchema>;
export type RatingsSummary = z.infer<typeof RatingsSummarySchema>;
export type FeedbackItem = z.infer<typeof FeedbackItemSchema>;
export type FeedbackReceived = z.infer<typeof FeedbackReceivedSchema>;

// ─── Queue ─────────────────────────────────────────────────────────────────────────────────────
export type QueueTicket = z.infer<typeof TicketViewSchema>;
export type QueueCounter = z.infer<typeof CounterViewSchema>;
export type BoardState = z.infer<typeof BoardStateSchema>;
export type SlotsView = z.infer<typeof SlotsViewSchema>;
export type BookingView = z.infer<typeof BookingViewSchema>;
export type QueueStats = z.infer<typeof QueueStatsSchema>;
export type QueueFigures = QueueStats['total'];

// ─── Statistics ────────────────────────────────────────────────────────────────────────────────
export type ProcessingReport = z.infer<typeof ProcessingReportSchema>;
export type ProcessingFigures = ProcessingReport['total'];
/** A number of the report that opens the dossiers behind it. */
export type ReportCell = ProcessingReport['cells'][number]['key'];
export type DossiersBehind = z.infer<typeof DossiersBehindSchema>;
export type DossierLine = DossiersBehind['items'][number];
export type ScorecardView = z.infer<typeof ScorecardViewSchema>;
export type IndicatorView = ScorecardView['groups'][number]['indicators'][number];
export type IndicatorInputView = IndicatorView['inputs'][number];
export type Dashboard = z.infer<typeof DashboardSchema>;
export type Satisfaction = z.infer<typeof SatisfactionSchema>;
export type Consistency = z.infer<typeof ConsistencySchema>;
export type Transparency = z.infer<typeof TransparencySchema>;
