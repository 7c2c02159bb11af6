import { eq, sql } from 'drizzle-orm';
import {
  confirmError,
  emailError,
  maskEmail,
  maskPhone,
  normalizePhone,
  normalizeTaxCode,
  passwordError,
  phoneError,
  taxCodeError,
} from '../../../domain/identity/account';
import { auditLog, users } from '../../db/schema';
import { AppError, errors } from '../../errors';
import type { AuthUser } from '../auth/auth.service';
import { openSession, toMe } from '../auth/auth.service';
import { hashPassword } from '../auth/password';
import type { CodeSent, RegisterBody } from './accounts.schema';
import { checkCode, codeSent, guarded, issueCode, throttleSend } from './codes';
import {
  ACCOUNT_EMAIL,
  addressFor,
  codeMessage,
  deliver,
  type Notice,
  noticeMessage,
  type Outgoing,
  requireChannel,
} from './messages';
import {
  type AccountsDeps,
  type Channel,
  check,
  findByPhone,
  type Issue,
  type Purpose,
  requirePhone,
  type UserRow,
  unprocessable,
} from './shared';

/**
 * Registration of a portal account and its proof: the account is created, a code is asked for (again,
 * or for a password reset), the registration code is entered.
 */

/**
 * Self-registration of a person or an organisation. The account is created inactive and unverified
 * (it cannot log in, and no session can be opened for it) until the code sent to its phone or e-mail
 * is entered. Its username is the mobile number (person) or the tax code (organisation).
 *
 * The answer does not say whether the number already has an account (decision 0012): the same work
 * is done (the password is hashed, one message is sent, the same sending limits count) and the same
 * 201 is returned; when the number is taken, its holder receives a notice instead of a code, telling
 * them to log in or use "Quên mật khẩu?". A tax code that already has an account is still refused
 * (409): it names an organisation, not a person, and the representative needs to know.
 */
export async function register(deps: AccountsDeps, input: RegisterBody, ip: string): Promise<CodeSent> {
  const issues: Issue[] = [];
  const isOrg = input.accountKind === 'organisation';
  if (isOrg) check(issues, 'INVALID_TAX_CODE', 'taxCode', taxCodeError(input.taxCode));
  check(issues, 'INVALID_PHONE', 'phone', phoneError(input.phone));
  check(issues, 'INVALID_EMAIL', 'email', emailError(input.email ?? ''));
  check(issues, 'INVALID_PASSWORD', 'password', passwordError(input.password));
  check(issues, 'PASSWORD_MISMATCH', 'confirmPassword', confirmError(input.password, input.confirmPassword));
  const email = input.email?.trim() ? input.email.trim().toLowerCase() : null;
  if (input.channel === 'email' && !email) {
    check(
      issues,
      'EMAIL_REQUIRED',
      'email',
      'Hãy nhập thư điện tử để nhận mã qua thư, hoặc chọn nhận mã qua SMS.',
    );
  }
  if (issues.length > 0) throw unprocessable(issues);
  const phone = normalizePhone(input.phone) as string;
  const taxCode = isOrg ? normalizeTaxCode(input.taxCode) : null;
  const fullName = isOrg ? input.organisationName : input.fullName;
  const username = taxCode ?? phone;
  requireChannel(deps.messaging, input.channel);
  const throttle = await throttleSend(deps, 'verify', phone, ip);

  let message: Outgoing;
  try {
    const passwordHash = await hashPassword(input.password);
    const now = deps.clock.now();
    message = await deps.database.tx(async (db): Promise<Outgoing> => {
      // Two registrations of one number or tax code wait for each other (PostgreSQL; PGlite is serial).
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`account:${phone}`}))`);
      if (taxCode) {
        await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`account:${taxCode}`}))`);
        // Before the phone is looked at, so this answer is the same whoever holds the number.
        const taken = (await db.select({ id: users.id }).from(users).where(eq(users.username, taxCode)))[0];
        if (taken) {
          throw errors.conflict(
            'TAX_CODE_TAKEN',
            `Mã số thuế ${taxCode} đã có tài khoản. Hãy đăng nhập bằng tài khoản đó.`,
          );
        }
      }
      const holder = await findByPhone(db, phone);
      const taken = holder
        ? undefined
        : (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0];
      if (holder || taken) {
        const notice: Notice = !holder
          ? 'unavailable'
          : !holder.verifiedAt
            ? 'pending'
            : holder.active
              ? 'exists'
              : 'locked';
        await db.insert(auditLog).values({
          at: now,
          actorId: null,
          action: 'account.register_refused',
          entity: 'user',
          entityId: holder?.id ?? taken?.id ?? null,
          data: { accountKind: input.accountKind, phone, email, taxCode, ip, notice },
        });
        return noticeMessage(
          notice,
          holder ? addressFor(holder, input.channel) : { kind: 'sms', phone },
          holder?.fullName ?? fullName,
        );
      }
      const [user] = await db
        .insert(users)
        .values({
          username,
          passwordHash,
          fullName,
          email,
          phone,
          roles: ['citizen'],
          agencyId: null,
          active: false,
          accountKind: input.accountKind,
          taxCode,
          verifiedAt: null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!user) throw new AppError(500, 'INTERNAL_ERROR', 'Không tạo được tài khoản.');
      const code = await issueCode(db, user.id, 'verify', now);
      await db.insert(auditLog).values({
        at: now,
        actorId: user.id,
        action: 'account.registered',
        entity: 'user',
        entityId: user.id,
        data: { accountKind: input.accountKind, phone, email, taxCode, ip },
      });
      return codeMessage(user, 'verify', input.channel, code);
    });
  } catch (e) {
    await deps.codes.unsent(throttle.key, throttle.ip);
    throw e;
  }
  await deps.guesses.succeed(`verify|${phone}`);
  // Awaited in both cases: one message goes out either way, through the channel asked for when it can.
  const sent = await deliver(deps, message);
  if (!sent) await deps.codes.unsent(throttle.key, throttle.ip);
  return codeSent(
    phone,
    input.channel,
    input.channel === 'email' ? maskEmail(email as string) : maskPhone(phone),
    sent,
  );
}

/**
 * A code for an account waiting for verification (`verify`, "Gửi lại mã") or for a password reset
 * (`reset`, "Quên mật khẩu?"). The answer is built from the request alone and is the same whether or
 * not the number has an account; the same limits count in every case. The number is looked up after
 * the answer, so the answer's time says nothing either: a code is sent only to a real account (a
 * verified account asking for a verification code, or a locked one, is sent a notice instead; an
 * unknown number is sent nothing). A failed delivery is recorded in the outbox; the user asks again
 * after the cool-down.
 */
export async function requestCode(
  deps: AccountsDeps,
  purpose: Purpose,
  phoneInput: string,
  channel: Channel,
  ip: string,
): Promise<CodeSent> {
  const phone = requirePhone(phoneInput);
  requireChannel(deps.messaging, channel);
  await throttleSend(deps, purpose, phone, ip);
  await deps.guesses.succeed(`${purpose}|${phone}`);
  const now = deps.clock.now();
  deps.later(async () => {
    const message = await deps.database.tx(async (db): Promise<Outgoing | null> => {
      const user = await findByPhone(db, phone);
      const outcome: Notice | 'code' | 'no_account' = !user
        ? 'no_account'
        : user.verifiedAt && !user.active
          ? 'locked'
          : purpose === 'verify' && user.verifiedAt
            ? 'exists'
            : 'code';
      const code = user && outcome === 'code' ? await issueCode(db, user.id, purpose, now) : null;
      // A record of who asks for which numbers, with or without an account.
      await db.insert(auditLog).values({
        at: now,
        actorId: null,
        action: 'account.code_requested',
        entity: 'user',
        entityId: user?.id ?? null,
        data: { purpose, phone, channel, ip, outcome },
      });
      if (!user || outcome === 'no_account') return null;
      return code
        ? codeMessage(user, purpose, channel, code)
        : noticeMessage(outcome as Notice, addressFor(user, channel), user.fullName);
    });
    if (message) await deliver(deps, message);
  });
  return codeSent(phone, channel, channel === 'email' ? ACCOUNT_EMAIL : maskPhone(phone), true);
}

/** Enters the registration code: the account becomes verified and active, and is signed in. */
export async function verify(
  deps: AccountsDeps,
  input: { phone: string; code: string },
  ip: string,
  userAgent: string | undefined,
): Promise<{ token: string; expiresAt: Date; user: AuthUser }> {
  const phone = requirePhone(input.phone);
  const now = deps.clock.now();
  return guarded(deps, 'verify', phone, () =>
    deps.database.tx(async (db) => {
      const user = await findByPhone(db, phone);
      // An unknown number and a verified account are refused like a wrong code.
      if (!user || user.verifiedAt) return null;
      if (!(await checkCode(db, user.id, 'verify', input.code, now))) return null;
      const [row] = await db
        .update(users)
        .set({ verifiedAt: now, active: true, updatedAt: now })
        .where(eq(users.id, user.id))
        .returning();
      const session = await openSession(db, user.id, now, deps.sessionHours, ip, userAgent);
      await db.insert(auditLog).values({
        at: now,
        actorId: user.id,
        action: 'account.verified',
        entity: 'user',
        entityId: user.id,
        data: { ip },
      });
      return { ...session, user: toMe(row as UserRow, null) };
    }),
  );
}
