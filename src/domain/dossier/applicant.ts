import { z } from 'zod';

/** A 12-digit personal identification number (số định danh cá nhân, on the CCCD). */
export const NationalId = z
  .string()
  .trim()
  .regex(/^\d{12}$/, 'Số định danh cá nhân gồm đúng 12 chữ số.');

/** Who the dossier is for: a person or an organisation (the submitter may differ). */
export const Applicant = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('citizen'),
    fullName: z.string().trim().min(2, 'Hãy nhập họ và tên người nộp.').max(150),
    idNumber: NationalId.optional(),
    dateOfBirth: z.iso.date('Ngày sinh phải có dạng YYYY-MM-DD.').optional(),
    address: z.string().trim().max(300).default(''),
    phone: z
      .string()
      .trim()
      .regex(/^(\+84|0)\d{9,10}$/, 'Số điện thoại không hợp lệ.')
      .optional(),
    email: z.email('Thư điện tử không hợp lệ.').optional(),
  }),
  z.strictObject({
    kind: z.literal('organisation'),
    fullName: z.string().trim().min(2, 'Hãy nhập tên tổ chức.').max(300),
    taxCode: z
      .string()
      .trim()
      .regex(/^\d{10}(-\d{3})?$/, 'Mã số thuế gồm 10 chữ số (hoặc 13 với chi nhánh).')
      .optional(),
    address: z.string().trim().max(300).default(''),
    phone: z.string().trim().max(20).optional(),
    email: z.email('Thư điện tử không hợp lệ.').optional(),
  }),
]);
export type Applicant = z.infer<typeof Applicant>;

/**
 * A name as shown on public pages (Decree 13/2023 on personal data): the first letter of each word,
 * the rest hidden — "Đặng Thị Mai" → "Đ*** T** M**".
 */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((w) => {
      const letters = [...w];
      return letters[0] + '*'.repeat(Math.max(2, letters.length - 1));
    })
    .join(' ');
}
