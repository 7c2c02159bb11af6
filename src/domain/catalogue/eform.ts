import { z } from 'zod';
import type { FormField } from './procedure';

function fieldSchema(f: FormField): z.ZodType {
  const label = f.label;
  let s: z.ZodType;
  switch (f.type) {
    case 'number':
      s = z.coerce.number({ message: `${label}: phải là một số.` });
      break;
    case 'date':
      s = z.iso.date(`${label}: ngày phải có dạng YYYY-MM-DD.`);
      break;
    case 'select':
      s =
        f.options.length > 0
          ? z.enum(f.options as [string, ...string[]], {
              message: `${label}: hãy chọn một giá trị trong danh sách.`,
            })
          : z.string().trim().max(200);
      break;
    case 'national-id':
      s = z
        .string()
        .trim()
        .regex(/^\d{12}$/, `${label}: số định danh cá nhân gồm đúng 12 chữ số.`);
      break;
    case 'phone':
      s = z
        .string()
        .trim()
        .regex(/^(\+84|0)\d{9,10}$/, `${label}: số điện thoại không hợp lệ.`);
      break;
    case 'email':
      s = z.email(`${label}: thư điện tử không hợp lệ.`);
      break;
    case 'file':
      s = z.uuid(`${label}: tệp đính kèm không hợp lệ.`);
      break;
    case 'textarea':
      s = z.string().trim().max(5000, `${label}: tối đa 5.000 ký tự.`);
      break;
    default:
      s = z.string().trim().max(1000, `${label}: tối đa 1.000 ký tự.`);
  }
  return s;
}

export type EformResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; issues: { key: string; message: string }[] };

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Checks a procedure version's e-form (tờ khai điện tử) as filled: the same field list drives the
 * portal's form, the desk's counter entry and this server-side check. Unknown keys are refused.
 */
export function validateEform(fields: readonly FormField[], data: Record<string, unknown>): EformResult {
  const issues: { key: string; message: string }[] = [];
  const value: Record<string, unknown> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(data)) {
    if (!known.has(key)) issues.push({ key, message: `Trường "${key}" không có trong tờ khai của thủ tục.` });
  }
  for (const f of fields) {
    const v = data[f.key];
    if (isEmpty(v)) {
      if (f.required) issues.push({ key: f.key, message: `${f.label}: bắt buộc.` });
      continue;
    }
    const r = fieldSchema(f).safeParse(v);
    if (r.success) value[f.key] = r.data;
    else issues.push({ key: f.key, message: r.error.issues[0]?.message ?? `${f.label}: không hợp lệ.` });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}
