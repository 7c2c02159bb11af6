import { eq } from 'drizzle-orm';
import {
  confirmError,
  maskPhone,
  normalizePhone,
  passwordError,
  phoneError,
} from '../../../domain/identity/account';
import { auditLog, sessions, users } from '../../db/schema';
import { AppError } from '../../errors';
import type { AuthUser } from '../auth/auth.service';
import { invalidCredentials, login, tooManyAttempts } from '../auth/auth.service';
import { hashPassword, verifyPassword } from '../auth/password';
import { checkCode, guarded } from './codes';
import { type AccountsDeps, check, findByPhone, type Issue, unprocessable } from './shared';

/** Getting into a portal account: login by mobile number or username, and a password reset with a code. */

/**
 * Portal login with a mobile number or a username. An account waiting for its code gets a clear
 * answer (once the password is right, so nothing is revealed to someone guessing); every other case
 * is the existing login, with its throttle and audit.
 */
export async function accountLogin(
  deps: AccountsDeps,
  input: { login: string; password: string; ip: string; userAgent: string | undefined },
): Promise<{ token: string; expiresAt: Date; user: AuthUser }> {
  const phone = normalizePhone(input.login);
  const found = await deps.database.read(async (db) =>
    phone
      ? await findByPhone(db, phone)
      : (await db.select().from(users).where(eq(users.username, input.login.trim().toLowerCase())))[0],
  );
  const username = found?.username ?? input.login.trim().toLowerCase();
  if (found && !found.verifiedAt && found.roles.includes('citizen')) {
    const now = deps.clock.now();
    const key = `${input.ip}|${username}`;
    const wait = await deps.logins.attempt(key, now.getTime());
    if (wait > 0) throw tooManyAttempts(wait, 'Bạn đã nhập sai quá nhiều lần.');
    if (!(await verifyPassword(input.password, found.passwordHash))) throw invalidCredentials();
    await deps.logins.succeed(key);
    throw new AppError(
      403,
      'ACCOUNT_NOT_VERIFIED',
      `Tài khoản chưa được xác thực. Hãy nhập mã 6 chữ số đã gửi tới ${maskPhone(found.phone ?? '')}, hoặc bấm “Gửi lại mã” để nhận mã mới.`,
      { phone: found.phone },
    );
  }
  return login(deps.database, deps.logins, deps.clock.now(), deps.sessionHours, {
    username,
    password: input.password,
    ip: input.ip,
    userAgent: input.userAgent,
  });
}

/**
 * Sets a new password with a reset code. Every session of the account ends; an account that was never
 * verified becomes verified (the code proved the phone or e-mail).
 */
export async function resetPassword(
  deps: AccountsDeps,
  input: { phone: string; code: string; newPassword: string; confirmPassword: string },
): Promise<void> {
  const issues: Issue[] = [];
  check(issues, 'INVALID_PHONE', 'phone', phoneError(input.phone));
  check(issues, 'INVALID_PASSWORD', 'newPassword', passwordError(input.newPassword));
  check(
    issues,
    'PASSWORD_MISMATCH',
    'confirmPassword',
    confirmError(input.newPassword, input.confirmPassword),
  );
  if (issues.length > 0) throw unprocessable(issues);
  const phone = normalizePhone(input.phone) as string;
  await guarded(deps, 'reset', phone, async () => {
    // Hashed first, outside the transaction (slow), in every case; a wrong code wastes it, which also
    // slows guessing.
    const passwordHash = await hashPassword(input.newPassword);
    const now = deps.clock.now();
    return deps.database.tx(async (db) => {
      const user = await findByPhone(db, phone);
      if (!user) return null;
      if (!(await checkCode(db, user.id, 'reset', input.code, now))) return null;
      const firstProof = !user.verifiedAt;
      await db
        .update(users)
        .set({
          passwordHash,
          updatedAt: now,
          ...(firstProof ? { verifiedAt: now, active: true } : {}),
        })
        .where(eq(users.id, user.id));
      await db.delete(sessions).where(eq(sessions.userId, user.id));
      await db.insert(auditLog).values({
        at: now,
        actorId: user.id,
        action: 'account.password_reset',
        entity: 'user',
        entityId: user.id,
        data: firstProof ? { verified: true } : null,
      });
      return true;
    });
  });
}
