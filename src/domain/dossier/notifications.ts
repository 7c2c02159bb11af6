import type { DossierEvent } from './events';

const PLUS7 = 7 * 3_600_000;
/** "15:00 ngày 26/11/2026" in Vietnam time. */
export function vnTime(iso: string): string {
  const d = new Date(Date.parse(iso) + PLUS7);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ngày ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/**
 * What the applicant is told, and when (the law asks the desk to inform them of acceptance, supplement
 * requests, a new appointment, an early result, and the result): one short Vietnamese message per event
 * that concerns them, or null.
 */
export function applicantMessage(
  e: DossierEvent,
  d: { code: string | null; procedureName: string; agencyName: string },
): { topic: string; text: string } | null {
  const ref = d.code ? `Hồ sơ ${d.code}` : `Hồ sơ "${d.procedureName}"`;
  switch (e.type) {
    case 'accepted':
      return {
        topic: 'accepted',
        text: `${d.agencyName} đã tiếp nhận hồ sơ ${e.code} (${d.procedureName}). Hẹn trả kết quả: ${vnTime(e.dueAt)}.`,
      };
    case 'supplement-requested':
      return {
        topic: 'supplement-requested',
        text: `${ref}: cần bổ sung, hoàn thiện: ${e.items.join('; ')}. Lý do: ${e.reason}.`,
      };
    case 'refused':
      return { topic: 'refused', text: `${ref} không được tiếp nhận. Lý do: ${e.reason}.` };
    case 'apologized':
      return {
        topic: 'apologized',
        text: `${ref} chưa có kết quả đúng hẹn. ${d.agencyName} xin lỗi ông/bà và hẹn trả kết quả vào ${vnTime(e.newAppointmentAt)}. Lý do: ${e.reason}.`,
      };
    case 'result-ready':
      return {
        topic: 'result-ready',
        text: `${ref} đã có kết quả. Mời ông/bà đến nhận theo hình thức đã đăng ký.`,
      };
    case 'stopped':
      return { topic: 'stopped', text: `${ref} đã dừng giải quyết. Lý do: ${e.reason}.` };
    default:
      return null;
  }
}
