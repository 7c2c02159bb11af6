import { z } from 'zod';
import { AgencyLevel } from '../../../domain/agency/agency';
import { Password, Role } from '../../../domain/identity/role';

export const LoginBody = z.strictObject({
  username: z.string().trim().toLowerCase().min(1, 'Hãy nhập tên đăng nhập.').max(100),
  password: z.string().min(1, 'Hãy nhập mật khẩu.').max(200),
});

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, 'Hãy nhập mật khẩu hiện tại.').max(200),
  newPassword: Password,
});

/** The signed-in user as the web app sees it. */
export const Me = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(Role),
  agency: z.object({ id: z.uuid(), code: z.string(), name: z.string(), level: AgencyLevel }).nullable(),
  /** A community helper (người hỗ trợ cộng đồng) may submit on citizens' behalf. */
  communityHelper: z.boolean().default(false),
});
export type Me = z.infer<typeof Me>;

export const LoginResponse = z.object({ user: Me });

/**
 * Who is signed in on this browser, if anyone: asked by every page at start, so an anonymous visitor gets an
 * answer (`user: null`), not a 401 that the browser logs as an error on every public page (issue 25 item 15).
 */
export const Session = z.object({ user: Me.nullable() });
