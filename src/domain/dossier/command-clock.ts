/**
 * The actions that move the dossier's clock: supplements (it restarts or pauses), financial obligations
 * (it pauses), an extension, and the apology with a new appointment.
 */
import { type Duration, extendedDue, resumedDue, type WorkingCalendar } from '../calendar';
import {
  atDesk,
  currentStep,
  holds,
  leads,
  mayWork,
  type Outcome,
  refuse,
  type Turn,
} from './command-context';
import type { DossierCommand } from './command-schema';
import type { DossierEvent } from './events';
import { MINUTES_PER_WORKING_DAY } from './lifecycle';
import { RECEPTION_STEP } from './state';

/** The 3-working-day window after acceptance for a supplement request after appraisal (Decree 61/2018 art. 19). */
export function supplementWindowEnd(cal: WorkingCalendar, acceptedAt: Date): Date {
  return cal.dueAt(acceptedAt, { amount: 3, unit: 'working-days' });
}

type ClockCommand = Extract<
  DossierCommand,
  {
    action:
      | 'request-supplement'
      | 'receive-supplement'
      | 'submit-supplement'
      | 'request-financial'
      | 'confirm-financial'
      | 'extend'
      | 'apologize';
  }
>;

/** The events a supplement, financial, extension or apology command causes, or why it is refused. */
export function decideClock(t: Turn, cmd: ClockCommand): Outcome {
  const { s, now, actor, cal, base, deskOnly } = t;
  const events: DossierEvent[] = [];
  switch (cmd.action) {
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
  }
  return events;
}
