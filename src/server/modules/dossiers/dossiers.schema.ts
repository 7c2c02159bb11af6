import { z } from 'zod';
import { ProcedureCode } from '../../../domain/catalogue/procedure';
import { Applicant } from '../../../domain/dossier/applicant';

/** Who handed the dossier in when it is not the applicant (người nộp thay, người hỗ trợ, bưu điện). */
export const Submitter = z.strictObject({
  kind: z.enum(['proxy', 'helper', 'postal']),
  fullName: z.string().trim().min(2, 'Hãy nhập họ tên người nộp thay.').max(150),
  organisation: z.string().trim().max(300).optional(), // tổ công nghệ số, đoàn thanh niên, bưu cục…
  phone: z.string().trim().max(20).optional(),
  idNumber: z.string().trim().max(20).optional(),
});
export type Submitter = z.infer<typeof Submitter>;

/**
 * A dossier handed in through any channel. At the counter the officer decides at once: accept
 * (complete), supplement (Mẫu 02: what is missing) or refuse (Mẫu 03: why). Online and postal
 * dossiers arrive as "submitted" and wait for the desk's check.
 */
export const DossierIntake = z.strictObject({
  procedureCode: ProcedureCode,
  channel: z.enum(['counter', 'online', 'postal']).default('counter'),
  /** The receiving agency (mã định danh); staff default to their own. */
  agencyCode: z.string().trim().max(40).optional(),
  applicant: Applicant,
  submitter: Submitter.optional(),
  formData: z.record(z.string(), z.unknown()).default({}),
  /** Components the officer checked as received (thành phần hồ sơ đã nhận). */
  components: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(1000),
        received: z.boolean(),
        originalSeen: z.boolean().default(false),
      }),
    )
    .max(100)
    .default([]),
  /**
   * The case (trường hợp) of a procedure whose components are alternatives: one of its cases, word for word
   * (the `case` labels of its components in `GET /procedures/:code`); required to accept or submit such a dossier (422
   * `CASE_REQUIRED`, `CASE_UNKNOWN`), absent for the others.
   */
  case: z.string().trim().min(1).max(300).nullable().optional(),
  note: z.string().trim().max(2000).optional(),
  decision: z.enum(['accept', 'supplement', 'refuse']).default('accept'),
  supplement: z
    .strictObject({
      items: z.array(z.string().trim().min(2).max(1000)).min(1).max(50),
      reason: z.string().trim().min(3).max(4000),
    })
    .optional(),
  refusal: z
    .strictObject({ reason: z.string().trim().min(3, 'Hãy ghi rõ lý do từ chối.').max(4000) })
    .optional(),
});
export type DossierIntake = z.infer<typeof DossierIntake>;

const Instant = z.string().nullable();

/** A scan of a component or a result document attached to a dossier. */
export const DossierFile = z.object({
  id: z.uuid(),
  fileId: z.uuid(),
  kind: z.enum(['component', 'result']),
  component: z.string().nullable(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});

export const DossierView = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  agency: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  procedure: z.object({ code: z.string(), name: z.string(), versionNo: z.number().int() }),
  channel: z.enum(['counter', 'online', 'postal']),
  applicant: z.record(z.string(), z.unknown()),
  status: z.object({ code: z.number().int(), name: z.string() }),
  submitter: z.record(z.string(), z.unknown()).nullable(),
  formData: z.record(z.string(), z.unknown()),
  /** As checked at the desk (`DossierIntake.components`); other keys, if any, are kept. */
  components: z.array(
    z.looseObject({
      name: z.string().optional(),
      received: z.boolean().optional(),
      originalSeen: z.boolean().optional(),
    }),
  ),
  /** The case (trường hợp) chosen at intake, for a procedure with cases; null otherwise. */
  case: z.string().nullable(),
  legalTime: z.object({ amount: z.number(), unit: z.string(), text: z.string() }).nullable(),
  regime: z.enum(['2018', '2025']).nullable(),
  acceptedAt: Instant,
  dueAt: Instant,
  appointmentAt: Instant,
  endedAt: Instant,
  returnedAt: Instant,
  timeliness: z.enum(['early', 'on-time', 'late', 'overdue']).nullable(),
  /** Deadline colour: on time, due within 1 working day, overdue (null when ended or not yet accepted). */
  urgency: z.enum(['normal', 'due-soon', 'overdue']).nullable(),
  remainingMinutes: z.number().nullable(),
  elapsedMinutes: z.number().nullable(),
  paused: z.boolean(),
  pauses: z.array(z.object({ kind: z.string(), from: z.string(), to: z.string().nullable() })),
  apologized: z.boolean(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  workflow: z.object({
    steps: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        role: z.string(),
        agencyName: z.string(),
        quotaPercent: z.number(),
        decides: z.boolean(),
        /** The step's own deadline: acceptance + its cumulative share of the legal time (null before acceptance). */
        deadline: z.string().nullable(),
      }),
    ),
    current: z.string().nullable(),
  }),
  currentAgency: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** Exactly the actions the caller may take now. */
  actions: z.array(z.string()),
  files: z.array(DossierFile),
  proposedAppointmentAt: Instant,
  events: z.array(
    z.object({
      seq: z.number().int(),
      type: z.string(),
      at: z.string(),
      actor: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type DossierView = z.infer<typeof DossierView>;

/** Worklist presets of the desk (tabs). */
export const Worklist = z.enum([
  'check', // online/postal waiting for the desk's check
  'mine', // assigned to me, open
  'unassigned', // at a step of my agency with nobody on it
  'supplement', // waiting for supplements
  'due-soon', // due within 1 working day
  'overdue',
  'at-risk', // will be late unless apologised: apology limit (1 working day before due) within a working day
  'approval', // waiting for a leader's decision
  'to-return', // result ready, to return
]);
export type Worklist = z.infer<typeof Worklist>;

/**
 * The desk's tab counts. Each tab is counted up to 1,000 (`SEARCH_COUNT_CAP`, as the lists): a tab listed in `more` holds more
 * dossiers than its count (shown "999+" / "hơn 1.000"); an exact figure of a province's overdue backlog is
 * the statistics' job, and counting it on every page load would read every open dossier (decision 0009).
 */
export const WorklistCounts = z.object({
  counts: z.record(Worklist, z.number().int().nonnegative()),
  more: z.array(Worklist),
});
export type WorklistCounts = z.infer<typeof WorklistCounts>;

export const DossierListQuery = z.object({
  list: Worklist.optional(),
  status: z.coerce.number().int().min(1).max(10).optional(),
  procedureCode: z.string().trim().max(20).optional(),
  /** The receiving agency (mã định danh); within the caller's scope. */
  agencyCode: z.string().trim().max(40).optional(),
  channel: z.enum(['counter', 'online', 'postal']).optional(),
  assignee: z.union([z.literal('me'), z.uuid()]).optional(),
  dueFrom: z.iso.datetime({ offset: true }).optional(),
  dueTo: z.iso.datetime({ offset: true }).optional(),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe(
      'Tìm không dấu: mã hồ sơ đầy đủ (đúng hồ sơ đó); từ hai chữ trở lên không có số là họ tên, khớp từ đầu chữ thứ 1, 2 hoặc 3 của tên; còn lại (một chữ, số định danh, một phần mã) khớp ở bất kỳ vị trí nào.',
    ),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const DossierListItem = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  procedureName: z.string(),
  applicantName: z.string(),
  status: z.object({ code: z.number().int(), name: z.string() }),
  channel: z.enum(['counter', 'online', 'postal']),
  step: z.string().nullable(),
  assigneeId: z.uuid().nullable(),
  acceptedAt: Instant,
  dueAt: Instant,
  timeliness: z.enum(['early', 'on-time', 'late', 'overdue']).nullable(),
  urgency: z.enum(['normal', 'due-soon', 'overdue']).nullable(),
});

/** A page of the staff's dossier list (`GET /dossiers`). */
export const DossierList = z.object({
  items: z.array(DossierListItem),
  total: z.number().int(),
  /** False when counting stopped at the cap (1,000): there are more than `total`. */
  totalExact: z.boolean(),
});
export type DossierList = z.infer<typeof DossierList>;

export const PublicDossier = z.object({
  code: z.string(),
  procedure: z.object({ code: z.string(), name: z.string() }),
  applicant: z.string(),
  status: z.object({ code: z.number().int(), name: z.string() }),
  acceptedAt: Instant,
  dueAt: Instant,
  endedAt: Instant,
  timeliness: z.enum(['early', 'on-time', 'late', 'overdue']).nullable(),
});
export type PublicDossier = z.infer<typeof PublicDossier>;

/**
 * Asking for a dossier by its temporary reference (`POST /public/dossiers/by-reference`): the reference and the
 * last four digits of the phone number given on the dossier (the kiosk rating's pattern), in the body, so that
 * neither stays in a URL.
 */
export const ReferenceLookup = z.object({
  reference: z
    .string()
    .trim()
    .regex(/^[0-9A-Fa-f]{8}$/, 'Mã tạm gồm 8 chữ số và chữ cái (A–F), như trên trang xác nhận nộp hồ sơ.'),
  phoneLast4: z
    .string()
    .regex(/^\d{4}$/, 'Hãy nhập đúng 4 chữ số cuối của số điện thoại đã khai trong hồ sơ.'),
});

/**
 * What the temporary reference shows: the same as a lookup by code, with the reference, and the code null until
 * the desk accepts the dossier (then the official code, which replaces the reference).
 */
export const PublicDossierByReference = PublicDossier.extend({
  reference: z.string(),
  code: z.string().nullable(),
});
export type PublicDossierByReference = z.infer<typeof PublicDossierByReference>;

/**
 * A returning applicant found by ID number (the counter pre-fills the form): their last details, up to 20 of their
 * dossiers in the caller's scope, and their digitised documents, which may be reused instead of rescanned.
 * Answer of `POST /applicants/lookup` (`findApplicant`).
 */
export const ApplicantLookup = z.object({
  applicant: z.record(z.string(), z.unknown()),
  dossiers: z.array(
    z.object({
      id: z.uuid(),
      code: z.string().nullable(),
      procedureName: z.string(),
      status: z.object({ code: z.number().int(), name: z.string() }),
      createdAt: z.string(),
    }),
  ),
  documents: z.array(
    z.object({
      fileId: z.uuid(),
      kind: z.enum(['component', 'result']),
      component: z.string().nullable(),
      name: z.string(),
      code: z.string().nullable(),
    }),
  ),
});
export type ApplicantLookup = z.infer<typeof ApplicantLookup>;

/** A staff member a dossier's step may be assigned to (GET /dossiers/{id}/assignees). */
export const Assignee = z.object({ id: z.uuid(), fullName: z.string() });
