import type { AgencyLevel } from '../agency/agency';
import type { Role } from './role';

/**
 * Who may change data shared beyond one agency (issue 16). An administrator's reach comes from the
 * role and, for `admin`, from the level of the agency the account belongs to:
 * - `system`: the system administrator (`sysadmin`, quản trị hệ thống) — national data, and all below;
 * - `province`: an `admin` of a province-level agency — the province's shared data, and all below;
 * - `agency`: an `admin` of any other agency (commune, or the older district tier) — only what concerns
 *   their own agency and the agencies under it.
 * No schema library here: the web app's shells import it.
 */
export type AdminLevel = 'agency' | 'province' | 'system';

const RANK: Record<AdminLevel, number> = { agency: 1, province: 2, system: 3 };

/** The part of a signed-in user the rules read. */
export interface RoleHolder {
  roles: readonly Role[];
  agency: { level: AgencyLevel } | null;
}

/**
 * Whether `held` includes one of `wanted`. The system administrator is also an administrator, so
 * wherever `admin` is accepted `sysadmin` is too.
 */
export function hasAnyRole(held: readonly Role[], wanted: readonly Role[]): boolean {
  return held.some((r) => wanted.includes(r)) || (held.includes('sysadmin') && wanted.includes('admin'));
}

/** The user's administrative reach, or null for a user who administers nothing. */
export function adminLevel(user: RoleHolder): AdminLevel | null {
  if (user.roles.includes('sysadmin')) return 'system';
  if (!user.roles.includes('admin')) return null;
  return user.agency?.level === 'province' ? 'province' : 'agency';
}

/**
 * The data shared beyond one agency, with the level that may change it and how a refusal names it.
 * This table is the whole rule (docs: notes of issue 16); routes name a row, never a level.
 */
export const SHARED_DATA = {
  /** Lịch nghỉ chính thức: importing it re-times the open dossiers of every agency. */
  officialCalendar: { level: 'province', what: 'nhập, sửa hoặc bỏ lịch nghỉ chính thức' },
  /** Quyết định công bố thủ tục (soạn, nhập từ bảng tính, công bố, xóa dự thảo). */
  procedures: { level: 'province', what: 'soạn, nhập và công bố quyết định công bố thủ tục hành chính' },
  /** The procedure-wide workflow (no agency given): every agency adopting the procedure uses it. */
  sharedWorkflow: { level: 'province', what: 'cấu hình quy trình chung của thủ tục' },
  /** Lĩnh vực: the national list. */
  fields: { level: 'system', what: 'thêm, sửa lĩnh vực (danh mục lĩnh vực quốc gia)' },
  /** Granting, withdrawing or editing a system administrator account. */
  systemAdmins: { level: 'system', what: 'cấp, thu hồi hoặc sửa tài khoản quản trị hệ thống' },
} as const satisfies Record<string, { level: AdminLevel; what: string }>;
export type SharedData = keyof typeof SHARED_DATA;

/** Whether the user may change this shared data. */
export function mayChange(user: RoleHolder, data: SharedData): boolean {
  const level = adminLevel(user);
  return level !== null && RANK[level] >= RANK[SHARED_DATA[data].level];
}

/** The Vietnamese refusal: who may do it, and whom to ask. */
export function refusalMessage(data: SharedData): string {
  const { level, what } = SHARED_DATA[data];
  return level === 'system'
    ? `Chỉ quản trị hệ thống được ${what}. Hãy đề nghị quản trị hệ thống thực hiện.`
    : `Chỉ quản trị viên cấp tỉnh (hoặc quản trị hệ thống) được ${what}; quản trị viên cấp xã chỉ quản lý dữ liệu của cơ quan mình. Hãy đề nghị quản trị viên cấp tỉnh thực hiện.`;
}
