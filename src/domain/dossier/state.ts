import type { Duration } from '../calendar';
import type { Channel } from '../catalogue/procedure';
import type { DossierEvent, DossierEventType, Regime, ReturnMethod } from './events';
import { IN_PROCESSING, OPEN_STATUSES, PAUSED_STATUSES } from './lifecycle';
import { DVCQG_STATUS as STATUS_LABEL, type StatusCode } from './status';
import { DEFAULT_WORKFLOW, type Workflow } from './workflow';

export interface Pause {
  kind: 'supplement' | 'financial';
  from: string;
  to: string | null;
}

/** Everything about a dossier that is derived from its events. */
export interface DossierState {
  status: StatusCode;
  channel: Channel | null;
  code: string | null;
  regime: Regime | null;
  acceptedAt: string | null;
  /** The legal due instant: what statistics judge against. */
  dueAt: string | null;
  /** What the applicant was last told (differs from dueAt after an apology). */
  appointmentAt: string | null;
  pauses: Pause[];
  /** The agency whose desk received the dossier; it keeps visibility and returns the result. */
  receivingAgencyId: string | null;
  workflow: Workflow;
  legalTime: Duration | null;
  supplementMode: 'restart' | 'pause';
  /** Supplement requests after acceptance (the law allows one, within 3 working days). */
  supplementRequestsAfterAcceptance: number;
  /** What the pending supplement request (Mẫu 02) asks for; empty when none is pending. */
  supplementItems: string[];
  /** Working minutes left when the clock last stopped (for the `pause` mode). */
  remainingAtPause: number | null;
  /** Current workflow step key ('tiep-nhan' before processing, 'tra-ket-qua' after the result). */
  step: string | null;
  agencyId: string | null;
  assigneeId: string | null;
  apologized: boolean;
  decision: 'approved' | 'rejected' | null;
  /** When processing ended (result ready, refused, withdrawn or stopped). */
  endedAt: string | null;
  returnedAt: string | null;
  returnMethod: ReturnMethod | null;
}

export const INITIAL_STATE: DossierState = {
  status: 1,
  channel: null,
  code: null,
  regime: null,
  acceptedAt: null,
  dueAt: null,
  appointmentAt: null,
  pauses: [],
  receivingAgencyId: null,
  workflow: DEFAULT_WORKFLOW,
  legalTime: null,
  supplementMode: 'restart',
  supplementRequestsAfterAcceptance: 0,
  supplementItems: [],
  remainingAtPause: null,
  step: null,
  agencyId: null,
  assigneeId: null,
  apologized: false,
  decision: null,
  endedAt: null,
  returnedAt: null,
  returnMethod: null,
};

function closePause(pauses: Pause[], at: string): Pause[] {
  return pauses.map((p, i) => (i === pauses.length - 1 && p.to === null ? { ...p, to: at } : p));
}

/** Pseudo-steps around the workflow: the desk before processing and after the result. */
export const RECEPTION_STEP = 'tiep-nhan';
export const RETURN_STEP = 'tra-ket-qua';

/** Applies one event (already checked by `canApply`). */
export function apply(s: DossierState, e: DossierEvent): DossierState {
  switch (e.type) {
    case 'submitted':
      return {
        ...s,
        status: 1,
        channel: e.channel,
        receivingAgencyId: e.agencyId,
        agencyId: e.agencyId,
        step: RECEPTION_STEP,
      };
    case 'accepted': {
      const agencyId = s.receivingAgencyId ?? e.actor?.agencyId ?? null;
      return {
        ...s,
        status: 2,
        channel: e.channel,
        code: e.code,
        regime: e.regime,
        acceptedAt: e.at,
        dueAt: e.dueAt,
        appointmentAt: e.dueAt,
        receivingAgencyId: agencyId,
        agencyId,
        step: RECEPTION_STEP,
        workflow: e.workflow ?? DEFAULT_WORKFLOW,
        legalTime: e.legalTime,
        supplementMode: e.supplementMode ?? 'restart',
      };
    }
    case 'refused':
      return { ...s, status: 3, endedAt: e.at };
    case 'routed':
      return { ...s, status: 4, step: e.step, agencyId: e.agencyId, assigneeId: e.assigneeId };
    case 'claimed':
      return { ...s, assigneeId: e.assigneeId };
    case 'supplement-requested':
      if (s.acceptedAt === null) return { ...s, status: 5, supplementItems: e.items };
      return {
        ...s,
        status: 5,
        supplementItems: e.items,
        pauses: [...s.pauses, { kind: 'supplement', from: e.at, to: null }],
        supplementRequestsAfterAcceptance: s.supplementRequestsAfterAcceptance + 1,
        remainingAtPause: e.remainingMinutes,
      };
    case 'financial-requested':
      return {
        ...s,
        status: 6,
        pauses: [...s.pauses, { kind: 'financial', from: e.at, to: null }],
        remainingAtPause: e.remainingMinutes,
      };
    case 'supplement-received':
    case 'financial-met': {
      const items = e.type === 'supplement-received' ? [] : s.supplementItems;
      if (s.acceptedAt === null) return { ...s, status: 1, supplementItems: items };
      return {
        ...s,
        supplementItems: items,
        status: s.step === RECEPTION_STEP ? 2 : 4,
        pauses: closePause(s.pauses, e.at),
        remainingAtPause: null,
        dueAt: e.dueAt ?? s.dueAt,
        appointmentAt: s.apologized ? s.appointmentAt : (e.dueAt ?? s.appointmentAt),
      };
    }
    case 'extended':
    case 'retimed':
      return { ...s, dueAt: e.dueAt, appointmentAt: s.apologized ? s.appointmentAt : e.dueAt };
    case 'apologized':
      return { ...s, apologized: true, appointmentAt: e.newAppointmentAt };
    case 'decided':
      return { ...s, decision: e.outcome };
    case 'result-ready':
      return {
        ...s,
        status: 9,
        endedAt: e.at,
        assigneeId: null,
        step: RETURN_STEP,
        agencyId: s.receivingAgencyId,
      };
    case 'returned':
      return { ...s, status: 10, returnedAt: e.at, returnMethod: e.method };
    case 'withdrawn':
      return { ...s, status: 7, endedAt: e.at, pauses: closePause(s.pauses, e.at) };
    case 'stopped':
      return { ...s, status: 8, endedAt: e.at, pauses: closePause(s.pauses, e.at) };
    case 'warned':
      return s;
  }
}

/** From which statuses each event may happen (the dossier lifecycle, domain.md). */
const ALLOWED_FROM: Record<DossierEventType, readonly StatusCode[]> = {
  submitted: [],
  accepted: [1],
  refused: [1],
  routed: IN_PROCESSING,
  claimed: IN_PROCESSING,
  'supplement-requested': [1, ...IN_PROCESSING],
  'supplement-received': [5],
  'financial-requested': IN_PROCESSING,
  'financial-met': [6],
  extended: IN_PROCESSING,
  apologized: [...IN_PROCESSING, ...PAUSED_STATUSES],
  decided: [4],
  'result-ready': IN_PROCESSING,
  returned: [9],
  withdrawn: OPEN_STATUSES,
  stopped: [...IN_PROCESSING, ...PAUSED_STATUSES],
  retimed: IN_PROCESSING,
  warned: IN_PROCESSING,
};

export type Refusal = { code: string; message: string };

/** Whether `e` may follow the state; a refusal carries a stable code and a Vietnamese message. */
export function canApply(s: DossierState, e: DossierEvent): Refusal | null {
  if (e.type === 'submitted') {
    return { code: 'ALREADY_SUBMITTED', message: 'Hồ sơ đã được nộp.' };
  }
  if (!ALLOWED_FROM[e.type].includes(s.status)) {
    return {
      code: 'INVALID_TRANSITION',
      message: `Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái "${STATUS_LABEL[s.status]}".`,
    };
  }
  if (e.type === 'supplement-requested' && s.acceptedAt !== null && s.supplementRequestsAfterAcceptance > 0) {
    return {
      code: 'SUPPLEMENT_ALREADY_REQUESTED',
      message:
        'Hồ sơ đã được yêu cầu bổ sung một lần sau khi tiếp nhận; pháp luật chỉ cho phép yêu cầu một lần.',
    };
  }
  if (e.type === 'apologized' && s.apologized) {
    return {
      code: 'APOLOGY_ALREADY_ISSUED',
      message: 'Mỗi hồ sơ chỉ được hẹn lại ngày trả kết quả một lần.',
    };
  }
  if (e.type === 'result-ready' && s.decision === null) {
    return {
      code: 'DECISION_REQUIRED',
      message: 'Hồ sơ cần có ý kiến quyết định của lãnh đạo trước khi trả kết quả.',
    };
  }
  return null;
}

/** Replays a history. Throws if it contains an illegal step (a corrupted log). */
export function replay(events: readonly DossierEvent[]): DossierState {
  let s = INITIAL_STATE;
  events.forEach((e, i) => {
    const r = i === 0 && e.type === 'submitted' ? null : canApply(s, e);
    if (r) throw new Error(`event ${i} (${e.type}) is not allowed: ${r.code}`);
    s = apply(s, e);
  });
  return s;
}

/**
 * The legal due instant replayed under a (changed) calendar: acceptance, supplement restarts or
 * resumptions, financial pauses and extensions, each recomputed in order. Used when an official
 * schedule changes the working days of a year (calendar.md §6).
 */
export function recomputeDue(
  events: readonly DossierEvent[],
  cal: {
    dueAt(at: Date, d: Duration): Date;
    remainingMinutes(due: Date, now: Date): number;
    addWorkingMinutes(start: Date, minutes: number): Date;
  },
  extended: (due: Date, extra: Duration) => Date,
): Date | null {
  let due: Date | null = null;
  let legal: Duration | null = null;
  let remaining = 0;
  let mode: 'restart' | 'pause' = 'restart';
  for (const e of events) {
    const at = new Date(e.at);
    switch (e.type) {
      case 'accepted':
        legal = e.legalTime;
        due = cal.dueAt(at, legal);
        break;
      case 'supplement-requested':
      case 'financial-requested':
        if (due) remaining = cal.remainingMinutes(due, at);
        mode = e.type === 'supplement-requested' ? e.mode : 'pause';
        break;
      case 'supplement-received':
      case 'financial-met':
        if (due && legal) {
          due =
            e.type === 'supplement-received' && mode === 'restart'
              ? cal.dueAt(at, legal)
              : cal.addWorkingMinutes(at, Math.max(0, remaining));
        }
        break;
      case 'extended':
        if (due) due = extended(due, { amount: e.amount, unit: e.unit });
        break;
      default:
        break;
    }
  }
  return due;
}
