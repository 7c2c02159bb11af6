import { z } from 'zod';
import { type Duration, extendedDue, resumedDue, type WorkingCalendar } from '../calendar';
import { localDateOf } from '../calendar/local';
import { TimeUnit } from '../catalogue/procedure';
import type { Role } from '../identity/role';
import { MINUTES_PER_WORKING_DAY } from './lifecycle';
import { type Actor, type DossierEvent, PostalHandover, ReturnMethod } from './events';
import { apply as applyForCheck, canApply, type DossierState, RECEPTION_STEP, type Refusal } from './state';
import { stepIndex, type Workflow, type WorkflowStep } from './workflow';

const Reason = z.string().trim().min(3, 'Hãy ghi rõ lý do.').max(4000);
const Note = z.string().trim().max(2000).optional();
const Instant = z.iso.datetime({ offset: true, message: 'Thời điểm phải có dạng ISO-8601.' });

/**
 * What an officer may do to a dossier (thao tác xử lý). One schema for API validation, OpenAPI
 * and the desk's forms; `decide()` below turns a command into events, or refuses it.
 */
export const DossierCommand = z.discriminatedUnion('action', [
  /** Online or postal dossier checked and found complete (tiếp nhận). */
  z.strictObject({ action: z.literal('accept'), note: Note }),
  /** Not within competence or not eligible (Mẫu 03). */
  z.strictObject({ action: z.literal('refuse'), reason: Reason }),
  /** Take the dossier at its current step (nhận xử lý). */
  z.strictObject({ action: z.literal('claim') }),
  /** A leader gives the dossier to one officer (phân công). */
  z.strictObject({ action: z.literal('assign'), assigneeId: z.uuid() }),
  /** Hand over to the next step (chuyển bước tiếp theo). */
  z.strictObject({ action: z.literal('forward'), note: Note, assigneeId: z.uuid().optional() }),
  /** Return to the previous step with the reason (trả lại bước trước). */
  z.strictObject({ action: z.literal('send-back'), reason: Reason }),
  /** Ask for supplements (Mẫu 02): at reception, or after appraisal within 3 working days. */
  z.strictObject({
    action: z.literal('request-supplement'),
    items: z.array(z.string().trim().min(2).max(1000)).min(1, 'Hãy liệt kê giấy tờ cần bổ sung.').max(50),
    reason: Reason,
  }),
  /**
   * The supplement arrived at the desk (nhận bổ sung): the officer ticks which of the requested documents
   * (the items of the last request, Mẫu 02) were handed in; at least one.
   */
  z.strictObject({
    action: z.literal('receive-supplement'),
    components: z.array(z.string().trim().min(1).max(1000)).max(50).optional(),
    note: Note,
  }),
  /**
   * The applicant sends the missing documents through the portal (nộp bổ sung trực tuyến): for a dossier
   * they submitted themselves, this is the supplement's receipt — the clock resumes at that instant.
   */
  z.strictObject({ action: z.literal('submit-supplement'), note: Note }),
  /** Ask the applicant to pay a financial obligation (nghĩa vụ tài chính). */
  z.strictObject({
    action: z.literal('request-financial'),
    amountVnd: z.number().int().min(0).max(1e13),
    description: Reason,
  }),
  z.strictObject({ action: z.literal('confirm-financial'), note: Note }),
  /** An extension the procedure's own law allows (gia hạn). */
  z.strictObject({
    action: z.literal('extend'),
    amount: z.number().positive().max(365),
    unit: TimeUnit,
    reason: Reason,
  }),
  /** The late agency's apology with a new appointment (Mẫu 04), once per dossier. */
  z.strictObject({ action: z.literal('apologize'), reason: Reason, newAppointmentAt: Instant }),
  /** The deciding leader's decision (phê duyệt / từ chối giải quyết), ending processing. */
  z.strictObject({
    action: z.literal('decide'),
    outcome: z.enum(['approved', 'rejected']),
    comment: z.string().trim().max(4000).default(''),
    documents: z.array(z.uuid()).max(20).default([]),
  }),
  /** The result handed to the applicant (trả kết quả). */
  z.strictObject({
    action: z.literal('return'),
    method: ReturnMethod,
    receiver: z.string().trim().max(150).optional(),
    receiverIdNumber: z.string().trim().max(20).optional(),
    earlyNotice: z.string().trim().max(500).optional(),
    /** By post: what the postal worker took (Decision 45/2016 Art. 9–10). */
    postal: PostalHandover.optional(),
  }),
  /** The applicant withdrew the dossier in writing (rút hồ sơ). */
  z.strictObject({ action: z.literal('withdraw'), reason: Reason }),
  /** Processing stops (dừng xử lý; 2025: Mẫu 05). */
  z.strictObject({ action: z.literal('stop'), reason: Reason }),
]);
export type DossierCommand = z.infer<typeof DossierCommand>;
export type DossierAction = DossierCommand['action'];

export const ACTION_LABELS_VI: Record<DossierAction, string> = {
  accept: 'Tiếp nhận',
  refuse: 'Từ chối tiếp nhận',
  claim: 'Nhận xử lý',
  assign: 'Phân công',
  forward: 'Chuyển bước tiếp',
  'send-back': 'Trả lại bước trước',
  'request-supplement': 'Yêu cầu bổ sung',
  'receive-supplement': 'Nhận hồ sơ bổ sung',
  'submit-supplement': 'Nộp bổ sung trực tuyến',
  'request-financial': 'Yêu cầu nghĩa vụ tài chính',
  'confirm-financial': 'Xác nhận đã nộp nghĩa vụ tài chính',
  extend: 'Gia hạn',
  apologize: 'Xin lỗi và hẹn lại',
  decide: 'Phê duyệt / từ chối giải quyết',
  return: 'Trả kết quả',
  withdraw: 'Rút hồ sơ',
  stop: 'Dừng xử lý',
};

export interface CommandActor extends Actor {
  roles: readonly Role[];
}

export interface CommandContext {
  now: Date;
  actor: CommandActor;
  /** The working calendar of the receiving agency: the dossier's clock. */
  calendar: WorkingCalendar;
  /** Each workflow step's agency, resolved from the agency tree (`receiving`, `parent`, a code). */
  stepAgencies: Readonly<Record<string, string>>;
  /** Present for `accept`: the code the service reserved, the regime, legal time and workflow in force. */
  acceptance?: {
    code: string;
    regime: '2018' | '2025';
    legalTime: Duration;
    workflow: Workflow;
    supplementMode: 'restart' | 'pause';
  };
}

export type Decision =
  | { ok: true; events: DossierEvent[] }
  | { ok: false; status: 403 | 409 | 422; refusal: Refusal };

const refuse = (status: 403 | 409 | 422, code: string, message: string): Decision => ({
  ok: false,
  status,
  refusal: { code, message },
});

/** Which role holds the dossier at its current step: the desk around the workflow, the step's role inside. */
export function holderRole(s: DossierState): Role {
  const step = currentStep(s);
  return step ? step.role : 'reception';
}

export function currentStep(s: DossierState): WorkflowStep | null {
  const i = stepIndex(s.workflow, s.step);
  return i >= 0 ? s.workflow.steps[i]! : null;
}

/** At the desk of the agency that received the dossier (reception role). */
export function atDesk(s: DossierState, a: CommandActor): boolean {
  return a.roles.includes('reception') && a.agencyId !== null && a.agencyId === s.receivingAgencyId;
}

/** Holds the current step: the step's role, in the step's agency. */
export function holds(s: DossierState, a: CommandActor): boolean {
  return a.roles.includes(holderRole(s)) && a.agencyId !== null && a.agencyId === s.agencyId;
}

/** A leader of the agency holding the dossier or of the one that received it. */
export function leads(s: DossierState, a: CommandActor): boolean {
  return (
    a.roles.includes('leader') &&
    a.agencyId !== null &&
    (a.agencyId === s.agencyId || a.agencyId === s.receivingAgencyId)
  );
}

/** Holds the step and is its assignee, or it is unassigned (then the command claims it). */
export function mayWork(s: DossierState, a: CommandActor): Refusal | null {
  if (!holds(s, a)) {
    return {
      code: 'NOT_YOUR_STEP',
      message: 'Hồ sơ không ở bước do bạn xử lý (sai vai trò hoặc sai cơ quan).',
    };
  }
  if (s.assigneeId !== null && s.assigneeId !== a.id) {
    return {
      code: 'ASSIGNED_TO_OTHER',
      message: 'Hồ sơ đang được cán bộ khác xử lý; lãnh đạo có thể phân công lại.',
    };
  }
  return null;
}

/** The 3-working-day window after acceptance for a supplement request after appraisal (Decree 61/2018 art. 19). */
export function supplementWindowEnd(cal: WorkingCalendar, acceptedAt: Date): Date {
  return cal.dueAt(acceptedAt, { amount: 3, unit: 'working-days' });
}

/**
 * Turns a command into the events it causes, checking who may do it now and whether the law allows
 * it. Pure: the calendar, the resolved step agencies and the reserved code come in the context.
 */
export function decide(s: DossierState, cmd: DossierCommand, ctx: CommandContext): Decision {
  const { now, actor, calendar: cal } = ctx;
  const at = now.toISOString();
  const who: Actor = { id: actor.id, name: actor.name, agencyId: actor.agencyId };
  const base = { at, actor: who };
  const events: DossierEvent[] = [];
  const deskOnly = () =>
    atDesk(s, actor)
      ? null
      : refuse(
          403,
          'DESK_ONLY',
          'Chỉ cán bộ một cửa của cơ quan tiếp nhận hồ sơ được thực hiện thao tác này.',
        );

  switch (cmd.action) {
    case 'accept': {
      const denied = deskOnly();
      if (denied) return denied;
      if (!ctx.acceptance || s.status !== 1) break;
      const { code, regime, legalTime, workflow, supplementMode } = ctx.acceptance;
      events.push({
        ...base,
        type: 'accepted',
        channel: s.channel ?? 'online',
        code,
        regime,
        legalTime,
        dueAt: cal.dueAt(now, legalTime).toISOString(),
        workflow,
        supplementMode,
      });
      break;
    }
    case 'refuse': {
      const denied = deskOnly();
      if (denied) return denied;
      events.push({ ...base, type: 'refused', reason: cmd.reason });
      break;
    }
    case 'claim': {
      if (s.step === RECEPTION_STEP || !holds(s, actor))
        return refuse(403, 'NOT_YOUR_STEP', 'Hồ sơ không ở bước do bạn xử lý.');
      if (actor.id === null) return refuse(403, 'NOT_YOUR_STEP', 'Chỉ cán bộ được nhận xử lý hồ sơ.');
      if (s.assigneeId === actor.id) return refuse(409, 'ALREADY_CLAIMED', 'Bạn đang xử lý hồ sơ này.');
      if (s.assigneeId !== null && !leads(s, actor)) {
        return refuse(409, 'ASSIGNED_TO_OTHER', 'Hồ sơ đang được cán bộ khác xử lý.');
      }
      events.push({ ...base, type: 'claimed', assigneeId: actor.id });
      break;
    }
    case 'assign': {
      if (!leads(s, actor)) {
        return refuse(403, 'LEADER_ONLY', 'Chỉ lãnh đạo cơ quan đang xử lý hồ sơ được phân công.');
      }
      events.push({ ...base, type: 'claimed', assigneeId: cmd.assigneeId });
      break;
    }
    case 'forward': {
      const denied = mayWork(s, actor);
      if (denied) return { ok: false, status: 403, refusal: denied };
      const i = stepIndex(s.workflow, s.step);
      if (s.step !== RECEPTION_STEP && i < 0) break;
      const cur = i >= 0 ? s.workflow.steps[i]! : null;
      if (cur?.decides) {
        return refuse(409, 'DECISION_STEP', 'Đây là bước phê duyệt: hãy phê duyệt hoặc từ chối giải quyết.');
      }
      const next = s.workflow.steps[i + 1]!;
      events.push({
        ...base,
        type: 'routed',
        step: next.key,
        agencyId: stepAgency(ctx, next.key),
        assigneeId: cmd.assigneeId ?? null,
        note: cmd.note ?? null,
        back: false,
      });
      break;
    }
    case 'send-back': {
      const denied = mayWork(s, actor);
      if (denied) return { ok: false, status: 403, refusal: denied };
      const i = stepIndex(s.workflow, s.step);
      if (i < 0) return refuse(409, 'NO_PREVIOUS_STEP', 'Hồ sơ đang ở bộ phận một cửa, không có bước trước.');
      const prev = i === 0 ? null : s.workflow.steps[i - 1]!;
      events.push({
        ...base,
        type: 'routed',
        step: prev ? prev.key : RECEPTION_STEP,
        agencyId: prev ? stepAgency(ctx, prev.key) : s.receivingAgencyId!,
        assigneeId: null,
        note: cmd.reason,
        back: true,
      });
      break;
    }
    case 'request-supplement': {
      if (s.status === 1) {
        const denied = deskOnly();
        if (denied) return denied;
        events.push({
          ...base,
          type: 'supplement-requested',
          items: cmd.items,
          reason: cmd.reason,
          mode: 'restart',
          remainingMinutes: 0,
        });
        break;
      }
      if (s.step === RECEPTION_STEP) {
        const denied = deskOnly();
        if (denied) return denied;
      } else {
        const d = mayWork(s, actor);
        if (d) return { ok: false, status: 403, refusal: d };
        if (currentStep(s)?.decides) {
          return refuse(
            409,
            'APPRAISAL_ONLY',
            'Yêu cầu bổ sung được đưa ra khi thẩm định, không phải ở bước phê duyệt.',
          );
        }
      }
      if (s.supplementRequestsAfterAcceptance > 0) {
        return refuse(
          409,
          'SUPPLEMENT_ALREADY_REQUESTED',
          'Hồ sơ đã được yêu cầu bổ sung một lần sau khi tiếp nhận; pháp luật chỉ cho phép yêu cầu một lần.',
        );
      }
      if (s.acceptedAt && now.getTime() > supplementWindowEnd(cal, new Date(s.acceptedAt)).getTime()) {
        return refuse(
          409,
          'SUPPLEMENT_WINDOW_CLOSED',
          'Đã quá 03 ngày làm việc kể từ khi tiếp nhận: không còn được yêu cầu bổ sung hồ sơ (Nghị định 61/2018, Điều 19). Cơ quan phải giải quyết hoặc xin lỗi, hẹn lại.',
        );
      }
      events.push({
        ...base,
        type: 'supplement-requested',
        items: cmd.items,
        reason: cmd.reason,
        mode: s.supplementMode,
        remainingMinutes: s.dueAt ? cal.remainingMinutes(new Date(s.dueAt), now) : 0,
      });
      break;
    }
    case 'receive-supplement':
    case 'submit-supplement': {
      // At the desk (nhận bổ sung), or by the applicant through the portal (nộp bổ sung trực tuyến);
      // ownership of the latter (the applicant who submitted it) is checked by the service.
      if (cmd.action === 'receive-supplement') {
        const denied = deskOnly();
        if (denied) return denied;
        const ticked = cmd.components ?? [];
        if (s.status === 5 && ticked.length === 0) {
          return refuse(
            422,
            'SUPPLEMENT_COMPONENTS_REQUIRED',
            'Hãy đánh dấu những giấy tờ bổ sung đã nhận (theo phiếu yêu cầu bổ sung).',
          );
        }
        const unknown = ticked.filter((c) => !s.supplementItems.includes(c));
        if (s.status === 5 && unknown.length > 0) {
          return refuse(
            422,
            'SUPPLEMENT_COMPONENT_NOT_REQUESTED',
            `Giấy tờ không có trong phiếu yêu cầu bổ sung: ${unknown.join('; ')}.`,
          );
        }
      } else if (!actor.roles.includes('citizen')) {
        return refuse(
          403,
          'APPLICANT_ONLY',
          'Chỉ người đã nộp hồ sơ được nộp bổ sung qua cổng dịch vụ công.',
        );
      }
      if (s.status !== 5) break;
      // The clock resumes now: the full legal time again (restart) or what remained (pause).
      const dueAt =
        s.acceptedAt && s.legalTime
          ? resumedDue(cal, s.supplementMode, now, s.legalTime, s.remainingAtPause ?? 0).toISOString()
          : null;
      events.push({
        ...base,
        type: 'supplement-received',
        dueAt,
        components: cmd.action === 'receive-supplement' ? (cmd.components ?? []) : [],
        note: cmd.note ?? null,
      });
      break;
    }
    case 'request-financial': {
      if (!(s.step === RECEPTION_STEP ? atDesk(s, actor) : holds(s, actor))) {
        return refuse(403, 'NOT_YOUR_STEP', 'Hồ sơ không ở bước do bạn xử lý.');
      }
      events.push({
        ...base,
        type: 'financial-requested',
        amountVnd: cmd.amountVnd,
        description: cmd.description,
        remainingMinutes: s.dueAt ? cal.remainingMinutes(new Date(s.dueAt), now) : 0,
      });
      break;
    }
    case 'confirm-financial': {
      const denied = deskOnly();
      if (denied) return denied;
      if (s.status !== 6 || !s.legalTime) break;
      // Time spent on a financial obligation is not counted: the remaining time carries over.
      const dueAt = resumedDue(cal, 'pause', now, s.legalTime, s.remainingAtPause ?? 0);
      events.push({ ...base, type: 'financial-met', dueAt: dueAt.toISOString() });
      break;
    }
    case 'extend': {
      if (!leads(s, actor))
        return refuse(403, 'LEADER_ONLY', 'Chỉ lãnh đạo được gia hạn thời gian giải quyết.');
      if (!s.dueAt) break;
      const extra: Duration = { amount: cmd.amount, unit: cmd.unit };
      const dueAt = extendedDue(cal, new Date(s.dueAt), extra);
      events.push({
        ...base,
        type: 'extended',
        amount: cmd.amount,
        unit: cmd.unit,
        reason: cmd.reason,
        dueAt: dueAt.toISOString(),
      });
      break;
    }
    case 'apologize': {
      if (!(holds(s, actor) || leads(s, actor) || atDesk(s, actor))) {
        return refuse(403, 'NOT_YOUR_STEP', 'Chỉ cơ quan đang giải quyết hồ sơ được xin lỗi và hẹn lại.');
      }
      if (!s.dueAt) break;
      const next = new Date(cmd.newAppointmentAt);
      if (next.getTime() <= Math.max(now.getTime(), new Date(s.dueAt).getTime())) {
        return refuse(
          422,
          'APPOINTMENT_NOT_LATER',
          'Ngày hẹn mới phải sau ngày hẹn trả hiện tại và sau thời điểm này.',
        );
      }
      const timely = cal.remainingMinutes(new Date(s.dueAt), now) >= MINUTES_PER_WORKING_DAY;
      events.push({
        ...base,
        type: 'apologized',
        reason: cmd.reason,
        newAppointmentAt: next.toISOString(),
        timely,
      });
      break;
    }
    case 'decide': {
      const d = mayWork(s, actor);
      if (d) return { ok: false, status: 403, refusal: d };
      if (!currentStep(s)?.decides) {
        return refuse(409, 'NOT_DECISION_STEP', 'Hồ sơ chưa đến bước phê duyệt.');
      }
      if (cmd.outcome === 'rejected' && cmd.comment.length < 3) {
        return refuse(422, 'REASON_REQUIRED', 'Từ chối giải quyết phải nêu rõ lý do bằng văn bản.');
      }
      events.push({ ...base, type: 'decided', outcome: cmd.outcome, comment: cmd.comment });
      events.push({ ...base, type: 'result-ready', documents: cmd.documents });
      break;
    }
    case 'return': {
      const denied = deskOnly();
      if (denied) return denied;
      if (cmd.method === 'counter' && !cmd.receiver) {
        return refuse(422, 'RECEIVER_REQUIRED', 'Hãy ghi họ tên người nhận kết quả tại quầy.');
      }
      if (cmd.method === 'post' && !cmd.postal) {
        return refuse(
          422,
          'POSTAL_DETAILS_REQUIRED',
          'Trả qua bưu chính: hãy ghi số hiệu bưu gửi, địa chỉ phát và họ tên nhân viên bưu chính nhận kết quả.',
        );
      }
      // Returned before the appointment day to an applicant who is not at the counter (post, home, online):
      // they must have been told first. At the counter the applicant is there, so nothing is owed.
      if (
        s.status === 9 &&
        cmd.method !== 'counter' &&
        s.appointmentAt &&
        localDateOf(now) < localDateOf(new Date(s.appointmentAt)) &&
        !cmd.earlyNotice
      ) {
        return refuse(
          409,
          'EARLY_NOTICE_REQUIRED',
          'Trả kết quả trước hẹn phải thông báo trước cho người nộp: hãy ghi cách đã thông báo (gọi điện, tin nhắn…).',
        );
      }
      events.push({
        ...base,
        type: 'returned',
        method: cmd.method,
        receiver: cmd.receiver ?? null,
        receiverIdNumber: cmd.receiverIdNumber ?? null,
        earlyNotice: cmd.earlyNotice ?? null,
        postal: cmd.method === 'post' ? (cmd.postal ?? null) : null,
      });
      break;
    }
    case 'withdraw': {
      const denied = deskOnly();
      if (denied) return denied;
      events.push({ ...base, type: 'withdrawn', reason: cmd.reason });
      break;
    }
    case 'stop': {
      if (!leads(s, actor))
        return refuse(403, 'LEADER_ONLY', 'Chỉ lãnh đạo được quyết định dừng xử lý hồ sơ.');
      events.push({ ...base, type: 'stopped', reason: cmd.reason });
      break;
    }
  }
  if (events.length === 0) {
    return refuse(
      409,
      'INVALID_TRANSITION',
      'Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.',
    );
  }
  // Every event must be a legal transition from the state it follows.
  let cur = s;
  for (const e of events) {
    const r = canApply(cur, e);
    if (r) return { ok: false, status: 409, refusal: r };
    cur = applyForCheck(cur, e);
  }
  return { ok: true, events };
}

function stepAgency(ctx: CommandContext, key: string): string {
  const id = ctx.stepAgencies[key];
  if (!id) throw new Error(`no agency resolved for step ${key}`);
  return id;
}
