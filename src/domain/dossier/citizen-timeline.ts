import { toLocalIso } from '../calendar';
import type { DossierEvent } from './events';
import { vnTime } from './notifications';

const RETURN_VI = {
  counter: 'tại Bộ phận Một cửa',
  post: 'qua dịch vụ bưu chính công ích',
  home: 'tại nhà',
  online: 'trực tuyến',
} as const;

const CHANNEL_VI = { counter: 'trực tiếp', online: 'trực tuyến', postal: 'qua bưu chính công ích' } as const;

/**
 * What an applicant reads about each step of their dossier, in plain Vietnamese (issue: "timeline in
 * plain Vietnamese"). Internal steps — who claimed it, warnings to officers, routing notes — are left
 * out; hand-overs between agencies say only where the dossier is now.
 */
export function citizenTimeline(
  events: readonly DossierEvent[],
  agencyName: (id: string) => string,
): { at: string; text: string }[] {
  const out: { at: string; text: string }[] = [];
  const say = (e: DossierEvent, text: string) => out.push({ at: toLocalIso(new Date(e.at)), text });
  let where: string | null = null; // the agency last named to the applicant
  for (const e of events) {
    switch (e.type) {
      case 'submitted':
        where = e.agencyId;
        say(e, `Hồ sơ đã được nộp ${CHANNEL_VI[e.channel]}, chờ Bộ phận Một cửa kiểm tra.`);
        break;
      case 'accepted':
        say(e, `Hồ sơ được tiếp nhận, mã hồ sơ ${e.code}. Hẹn trả kết quả ${vnTime(e.dueAt)}.`);
        break;
      case 'refused':
        say(e, `Hồ sơ không được tiếp nhận. Lý do: ${e.reason}`);
        break;
      case 'routed':
        // Only moves between agencies (một cửa liên thông) are news to the applicant.
        if (e.agencyId !== where) say(e, `Hồ sơ được chuyển đến ${agencyName(e.agencyId)} để xử lý.`);
        where = e.agencyId;
        break;
      case 'supplement-requested':
        say(e, `Cần bổ sung, hoàn thiện hồ sơ: ${e.items.join('; ')}. Lý do: ${e.reason}`);
        break;
      case 'supplement-received':
        say(e, `Đã nhận hồ sơ bổ sung.${e.dueAt ? ` Hẹn trả kết quả ${vnTime(e.dueAt)}.` : ''}`);
        break;
      case 'financial-requested':
        say(e, `Cần thực hiện nghĩa vụ tài chính: ${e.description}.`);
        break;
      case 'financial-met':
        say(e, `Đã hoàn thành nghĩa vụ tài chính. Hẹn trả kết quả ${vnTime(e.dueAt)}.`);
        break;
      case 'extended':
        say(e, `Thời hạn giải quyết được gia hạn đến ${vnTime(e.dueAt)}. Lý do: ${e.reason}`);
        break;
      case 'apologized':
        say(
          e,
          `Cơ quan xin lỗi vì chậm trả kết quả và hẹn lại ${vnTime(e.newAppointmentAt)}. Lý do: ${e.reason}`,
        );
        break;
      case 'decided':
        say(
          e,
          e.outcome === 'approved'
            ? 'Hồ sơ đã được lãnh đạo phê duyệt.'
            : `Hồ sơ không được giải quyết.${e.comment ? ` Lý do: ${e.comment}` : ''}`,
        );
        break;
      case 'result-ready':
        say(e, 'Đã có kết quả, chờ trả cho bạn.');
        where = null;
        break;
      case 'returned':
        say(e, `Đã trả kết quả ${RETURN_VI[e.method]}.`);
        break;
      case 'withdrawn':
        say(e, 'Hồ sơ đã được rút theo đề nghị của người nộp.');
        break;
      case 'stopped':
        say(e, `Hồ sơ bị dừng xử lý. Lý do: ${e.reason}`);
        break;
      case 'retimed':
        say(e, `Ngày hẹn trả được tính lại theo lịch làm việc: ${vnTime(e.dueAt)}.`);
        break;
      case 'claimed':
      case 'warned':
        break;
    }
  }
  return out;
}
