/**
 * How the catalogue's codes read in Vietnamese, with no schema library: the portal's pages import this
 * module alone, so a phone never downloads the validation code to show a procedure.
 */
export type TimeUnit = 'working-days' | 'working-hours' | 'calendar-days';
export type Channel = 'counter' | 'online' | 'postal';
export type OnlineLevel = 'full' | 'partial' | 'none';

export const TIME_UNIT_LABELS_VI: Record<TimeUnit, string> = {
  'working-days': 'ngày làm việc',
  'working-hours': 'giờ làm việc',
  'calendar-days': 'ngày',
};

/** "05 ngày làm việc", "Trong ngày", "04 giờ làm việc" — how the time is written on slips and pages. */
export function formatProcessingTime(t: { amount: number; unit: TimeUnit }): string {
  if (t.unit === 'working-days' && t.amount === 0) return 'Trong ngày';
  const n = Number.isInteger(t.amount)
    ? String(t.amount).padStart(2, '0')
    : String(t.amount).replace('.', ',');
  return `${n} ${TIME_UNIT_LABELS_VI[t.unit]}`;
}

export const CHANNEL_LABELS_VI: Record<Channel, string> = {
  counter: 'Trực tiếp',
  online: 'Trực tuyến',
  postal: 'Qua dịch vụ bưu chính công ích',
};

export const ONLINE_LEVEL_LABELS_VI: Record<OnlineLevel, string> = {
  full: 'Dịch vụ công trực tuyến toàn trình',
  partial: 'Dịch vụ công trực tuyến một phần',
  none: 'Chưa cung cấp trực tuyến',
};

/**
 * A fee as a person reads it: its kind before its name ("Lệ phí" + "đăng ký tạm trú"), unless the name already
 * says it — the published names mostly do ("Lệ phí đăng ký khai sinh"), and "Lệ phí Lệ phí đăng ký khai sinh"
 * is what a page printed before.
 */
export function feeLabel(f: { kind: string; name: string }): string {
  const name = f.name.trim();
  if (/^(lệ phí|phí)(?=[\s,;:]|$)/i.test(name)) return name.charAt(0).toUpperCase() + name.slice(1);
  return `${f.kind === 'phí' ? 'Phí' : 'Lệ phí'} ${name}`;
}
