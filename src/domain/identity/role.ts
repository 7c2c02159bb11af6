import { z } from 'zod';

/**
 * A user's role. Staff roles belong to an agency; a citizen (công dân) has none. `admin` administers
 * its agency (and, at a province-level agency, the province's shared data); `sysadmin`, the system
 * administrator, also holds the national data and may have no agency (see permissions.ts).
 */
export const Role = z.enum(['citizen', 'reception', 'specialist', 'leader', 'admin', 'postal', 'sysadmin']);
export type Role = z.infer<typeof Role>;

export const STAFF_ROLES: readonly Role[] = [
  'reception',
  'specialist',
  'leader',
  'admin',
  'postal',
  'sysadmin',
];

export { ROLE_LABELS_VI } from './role-labels';

export function isStaff(roles: readonly Role[]): boolean {
  return roles.some((r) => STAFF_ROLES.includes(r));
}

/** Usernames: lower-case ASCII letters, digits, dot, dash, underscore; 3–50 characters. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9._-]{3,50}$/,
    'Tên đăng nhập gồm 3–50 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch ngang.',
  );
export type Username = z.infer<typeof Username>;

export const Password = z
  .string()
  .min(8, 'Mật khẩu phải có ít nhất 8 ký tự.')
  .max(200, 'Mật khẩu quá dài (tối đa 200 ký tự).');
