import { z } from 'zod';
import { type Address, formatAddress } from '../geo/division';
import type { FormField } from './procedure';

/**
 * An `address` field holds the structured address of the pickers (detail, commune, province); a plain
 * line of text is still accepted for data entered before the pickers (imports, older dossiers).
 */
function structuredAddress(label: string) {
  return z.object(
    {
      detail: z.string().trim().max(300, `${label}: số nhà, đường tối đa 300 ký tự.`).default(''),
      provinceCode: z.string().regex(/^\d{2}$/, `${label}: hãy chọn tỉnh, thành phố.`),
      provinceName: z.string().trim().min(1, `${label}: hãy chọn tỉnh, thành phố.`).max(100),
      communeCode: z.string().regex(/^\d{5}$/, `${label}: hãy chọn xã, phường, đặc khu.`),
      communeName: z.string().trim().min(1, `${label}: hãy chọn xã, phường, đặc khu.`).max(100),
    },
    { error: `${label}: địa chỉ không hợp lệ.` },
  );
}

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

/** Nothing entered: no value, blank text, or an address with neither detail nor commune nor province. */
export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (typeof v === 'object' && !Array.isArray(v)) {
    const a = v as Partial<Address>;
    if ('communeCode' in a || 'provinceCode' in a || 'detail' in a) {
      return !a.communeCode && !a.provinceCode && !(a.detail ?? '').trim();
    }
  }
  return false;
}

/**
 * Checks one field as filled: the message a form shows while typing, or null when it is fine. The
 * same function backs `validateEform`, so the portal, the desk and the server say the same thing.
 */
export function checkEformField(
  f: FormField,
  v: unknown,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (isEmptyValue(v)) {
    return f.required ? { ok: false, message: `${f.label}: bắt buộc.` } : { ok: true, value: undefined };
  }
  // An address picked is checked as such, so its message names what is missing.
  const schema = f.type === 'address' && typeof v !== 'string' ? structuredAddress(f.label) : fieldSchema(f);
  const r = schema.safeParse(v);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, message: r.error.issues[0]?.message ?? `${f.label}: không hợp lệ.` };
}

/**
 * Checks a procedure version's e-form (tờ khai điện tử) as filled: the same field list drives the
 * portal's form, the desk's counter entry and this server-side check. Unknown keys are refused.
 *
 * An e-form left entirely empty is accepted unless `requireFilled`: at the counter the applicant may
 * hand in the paper declaration (it is one of the dossier's components) instead of having it typed.
 * Online submission from the portal requires the e-form filled, since it replaces the paper one.
 */
export function validateEform(
  fields: readonly FormField[],
  data: Record<string, unknown>,
  opts: { requireFilled?: boolean } = {},
): EformResult {
  const issues: { key: string; message: string }[] = [];
  const value: Record<string, unknown> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(data)) {
    if (!known.has(key)) issues.push({ key, message: `Trường "${key}" không có trong tờ khai của thủ tục.` });
  }
  if (!opts.requireFilled && issues.length === 0 && fields.every((f) => isEmptyValue(data[f.key]))) {
    return { ok: true, value };
  }
  for (const f of fields) {
    const r = checkEformField(f, data[f.key]);
    if (!r.ok) issues.push({ key: f.key, message: r.message });
    else if (r.value !== undefined) value[f.key] = r.value;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}

/** An e-form value as one line of text (addresses as printed), for review screens and slips. */
export function eformValueText(f: Pick<FormField, 'type'>, v: unknown): string {
  if (isEmptyValue(v)) return '';
  if (f.type === 'address' && typeof v === 'object' && v !== null) {
    const a = v as Address;
    return formatAddress({
      detail: a.detail ?? '',
      communeName: a.communeName ?? '',
      provinceName: a.provinceName ?? '',
    });
  }
  if (f.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    return v.split('-').reverse().join('/');
  }
  return String(v);
}
