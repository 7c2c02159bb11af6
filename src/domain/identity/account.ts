/**
 * Pure rules for portal accounts, shared by the server (authoritative) and the portal's forms
 * (validation as you type). No I/O, no imports: the web app bundles this file.
 */

/** Vietnamese mobile prefixes after the 2018 renumbering (Viettel, Vinaphone, MobiFone, Vietnamobile, Gmobile, Itel…). */
const MOBILE = /^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$/;

/**
 * A Vietnamese mobile number in its national form "0912345678", from what people type:
 * spaces, dots, dashes, brackets, "+84" or "84" prefixes. Null when it is not a mobile number.
 */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^\+?[\d\s.()-]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
  return MOBILE.test(digits) ? digits : null;
}

/** The message for a mobile number that is not valid, or null. */
export function phoneError(input: string): string | null {
  if (!input.trim()) return 'Hãy nhập số điện thoại di động.';
  return normalizePhone(input)
    ? null
    : 'Số điện thoại di động không hợp lệ: 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (ví dụ 0912 345 678).';
}

/** Weights of the check digit of a Vietnamese tax code (mã số thuế), digits 1–9. */
const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/**
 * A tax code (mã số thuế) of an organisation: 10 digits, or 10 digits "-" 3 digits for a branch or
 * dependent unit ("0100109106" / "0100109106-001"). The 10th digit is a check digit:
 * 10 − (Σ dᵢ·wᵢ mod 11). Returns the normalised code (spaces removed) or null.
 */
export function normalizeTaxCode(input: string): string | null {
  const s = input.replace(/\s/g, '');
  const m = /^(\d{10})(?:-?(\d{3}))?$/.exec(s);
  if (!m) return null;
  const main = m[1] as string;
  const branch = m[2];
  if (branch === '000') return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(main[i]) * (TAX_WEIGHTS[i] as number);
  const check = 10 - (sum % 11);
  if (check > 9 || check !== Number(main[9])) return null;
  return branch ? `${main}-${branch}` : main;
}

export function taxCodeError(input: string): string | null {
  const s = input.replace(/\s/g, '');
  if (!s) return 'Hãy nhập mã số thuế của tổ chức.';
  if (!/^\d{10}(-?\d{3})?$/.test(s)) {
    return 'Mã số thuế gồm 10 chữ số, hoặc 13 chữ số dạng 0100109106-001 đối với chi nhánh, đơn vị phụ thuộc.';
  }
  return normalizeTaxCode(s)
    ? null
    : 'Mã số thuế không đúng (chữ số kiểm tra không khớp); hãy kiểm tra lại trên giấy chứng nhận đăng ký.';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function emailError(input: string): string | null {
  const s = input.trim();
  if (!s) return null;
  return EMAIL.test(s) && s.length <= 200 ? null : 'Thư điện tử không hợp lệ (ví dụ ten@example.vn).';
}

export const PASSWORD_MIN = 8;

export function passwordError(input: string): string | null {
  if (!input) return 'Hãy nhập mật khẩu.';
  if (input.length < PASSWORD_MIN) return `Mật khẩu phải có ít nhất ${PASSWORD_MIN} ký tự.`;
  if (input.length > 200) return 'Mật khẩu quá dài (tối đa 200 ký tự).';
  return null;
}

export function confirmError(password: string, confirm: string): string | null {
  if (!confirm) return 'Hãy nhập lại mật khẩu.';
  return password === confirm ? null : 'Mật khẩu nhập lại không khớp.';
}

/** "0912345678" → "0912•••678": enough for the owner to recognise, not to read. */
export function maskPhone(phone: string): string {
  return phone.length < 7 ? phone : `${phone.slice(0, 4)}•••${phone.slice(-3)}`;
}

/** "nguyen.van.an@example.vn" → "ng•••@example.vn". */
export function maskEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 2)}•••@${domain}`;
}

/** Verification codes: 6 digits, 10 minutes, 5 attempts, 60 s between sends. */
export const CODE_LENGTH = 6;
export const CODE_TTL_MS = 10 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;
export const RESEND_COOLDOWN_MS = 60_000;
