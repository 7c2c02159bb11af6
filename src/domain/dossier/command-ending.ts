/** The actions that end processing: the leader's decision, returning the result, withdrawal, stopping. */
import { localDateOf } from '../calendar/local';
import { currentStep, leads, mayWork, type Outcome, refuse, type Turn } from './command-context';
import type { DossierCommand } from './command-schema';
import type { DossierEvent } from './events';

type EndingCommand = Extract<DossierCommand, { action: 'decide' | 'return' | 'withdraw' | 'stop' }>;

/** The events a decide, return, withdraw or stop command causes, or why it is refused. */
export function decideEnding(t: Turn, cmd: EndingCommand): Outcome {
  const { s, now, actor, base, deskOnly } = t;
  const events: DossierEvent[] = [];
  switch (cmd.action) {
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
  return events;
}
