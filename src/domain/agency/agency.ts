import { z } from 'zod';
import { isAgencyCode } from './agency-code';

/**
 * Administrative level. Since 1 July 2025 local government has two tiers (province, commune); a
 * district tier (cấp huyện) still exists in older data, so the tree allows a level in between.
 */
export const AgencyLevel = z.enum(['province', 'district', 'commune']);
export type AgencyLevel = z.infer<typeof AgencyLevel>;

export const AGENCY_LEVEL_LABELS_VI: Record<AgencyLevel, string> = {
  province: 'Tỉnh/Thành phố',
  district: 'Huyện/Quận (cấp trung gian)',
  commune: 'Xã/Phường/Đặc khu',
};

/** Which level may sit directly under which: province → (district →) commune. */
export function canBeChildOf(child: AgencyLevel, parent: AgencyLevel | null): boolean {
  if (parent === null) return child === 'province';
  if (parent === 'province') return child === 'district' || child === 'commune';
  if (parent === 'district') return child === 'commune';
  return false;
}

/** A local clock time HH:MM (UTC+7). */
export const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ phải có dạng HH:MM, ví dụ 07:30.');

export const OfficeSession = z
  .strictObject({ start: HHMM, end: HHMM })
  .refine((s) => s.start < s.end, { message: 'Giờ kết thúc phải sau giờ bắt đầu.', path: ['end'] });
export type OfficeSession = z.infer<typeof OfficeSession>;

/** The default same-day cut-off (giờ chốt nhận hồ sơ giải quyết trong ngày), calendar.md §3. */
export const DEFAULT_SAME_DAY_CUTOFF = '15:00';

/**
 * Office hours (giờ làm việc) of an agency: sessions of a working day, in local time (UTC+7), and the
 * same-day cut-off: a "trong ngày" dossier accepted after it is due at the close of the next working day.
 * The cut-off must fall within the working day (after the first session opens, by the last one's close).
 */
export const OfficeHours = z
  .strictObject({
    sessions: z.array(OfficeSession).min(1, 'Cần ít nhất một buổi làm việc.').max(4),
    sameDayCutoff: HHMM.optional(),
  })
  .refine((h) => h.sessions.every((s, i) => i === 0 || (h.sessions[i - 1] as OfficeSession).end <= s.start), {
    message: 'Các buổi làm việc phải theo thứ tự và không chồng lên nhau.',
    path: ['sessions'],
  })
  .refine(
    (h) =>
      h.sameDayCutoff === undefined ||
      (h.sameDayCutoff > h.sessions[0]!.start && h.sameDayCutoff <= h.sessions[h.sessions.length - 1]!.end),
    {
      message:
        'Giờ chốt nhận hồ sơ trong ngày phải nằm trong giờ làm việc (sau giờ mở cửa, không muộn hơn giờ đóng cửa).',
      path: ['sameDayCutoff'],
    },
  );
export type OfficeHours = z.infer<typeof OfficeHours>;

/** Default sessions of state agencies: 07:30–11:30 and 13:00–17:00 (calendar.md §2). */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  sessions: [
    { start: '07:30', end: '11:30' },
    { start: '13:00', end: '17:00' },
  ],
};

export const AgencyCode = z.string().trim().toUpperCase().refine(isAgencyCode, {
  message: 'Mã định danh phải theo QCVN 102:2016/BTTTT, dạng 000.00.00.H29 hoặc 000.23.41.H29.',
});

export const Agency = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  name: z.string(),
  level: AgencyLevel,
  address: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  officeHours: OfficeHours,
  active: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Agency = z.infer<typeof Agency>;

/** Ids of `rootId` and every agency below it, given a flat parent list. */
export function subtreeIds(
  all: readonly { id: string; parentId: string | null }[],
  rootId: string,
): string[] {
  const children = new Map<string, string[]>();
  for (const a of all) {
    if (a.parentId) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
  }
  const out: string[] = [];
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
