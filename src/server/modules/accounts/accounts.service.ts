import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { and, arrayContains, desc, eq, isNull, sql } from 'drizzle-orm';
import {
  CODE_LENGTH,
  CODE_MAX_ATTEMPTS,
  CODE_TTL_MS,
  confirmError,
  emailError,
  maskEmail,
  maskPhone,
  normalizePhone,
  normalizeTaxCode,
  passwordError,
  phoneError,
  RESEND_COOLDOWN_MS,
  taxCodeError,
} from '../../../domain/identity/account';
import type { Clock } from '../../clock';
import type { Database, Db } from '../../db/database';
import { auditLog, outbox, sessions, users, verificationCodes } from '../../db/schema';
import { AppError, errors } from '../../errors';
import type { AuthUser } from '../auth/auth.service';
import { hashToken, login, toMe, tooManyAttempts } from '../auth/auth.service';
import { hashPassword, verifyPassword } from '../auth/password';
import type { LoginThrottle } from '../auth/rate-limit';
import { type Address, canSend, type MessageChannel } from '../notifications/channels';
import { getUser } from '../users/users.service';
import type { Account, RegisterBody } from './accounts.schema';
import type { CodeThrottle } from './throttle';

type UserRow = typeof users.$inferSelect;
type Purpose = 'verify' | 'reset';
type Channel = 'sms' | 'email';

export interface AccountsDeps {
  database: Database;
  clock: Clock;
  messaging: MessageChannel;
  codes: CodeThrottle;
  logins: LoginThrottle;
  /**
   * Wrong codes per (purpose, phone) since the last code was asked for, counted for every number
   * whether or not it has an account, so the answers to a wrong code say nothing about the number.
   */
  guesses: LoginThrottle;
  /** Runs work after the answer (its time must not show whether the number has an account). */
  later: (work: () => Promise<unknown>) => void;
  sessionHours: number;
}

export interface CodeSent {
  phone: string;
  channel: Channel;
  sentTo: string;
  sent: boolean;
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

interface Issue {
  code: string;
  path: string;
  message: string;
}

/** 422 with every rule broken, in the route-schema details format; the first issue names the code. */
function unprocessable(issues: Issue[]): AppError {
  const first = issues[0] as Issue;
  return new AppError(
    422,
    first.code,
    first.message,
    issues.map((i) => ({ in: 'body', path: [i.path], message: i.message })),
  );
}

function check(issues: Issue[], code: string, path: string, message: string | null): void {
  if (message) issues.push({ code, path, message });
}

function codeHash(id: string, purpose: Purpose, code: string): string {
  return createHash('sha256').update(`${id}:${purpose}:${code}`).digest('base64url');
}

const invalidCredentials = () =>
  new AppError(
    401,
    'INVALID_CREDENTIALS',
    'Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng kiểm tra và thử lại.',
  );

function tooSoon(waitMs: number): AppError {
  const seconds = Math.ceil(waitMs / 1000);
  const when = seconds > 90 ? `${Math.ceil(seconds / 60)} phút` : `${seconds} giây`;
  return new AppError(429, 'RESEND_TOO_SOON', `Mã vừa được gửi. Vui lòng chờ ${when} rồi bấm “Gửi lại mã”.`, {
    retryAfterSeconds: seconds,
  });
}

/** The portal account (person or organisation) holding this mobile number, if any. */
async function findByPhone(db: Db, phone: string): Promise<UserRow | undefined> {
  return (
    await db
      .select()
      .from(users)
      .where(and(eq(users.phone, phone), arrayContains(users.roles, ['citizen'])))
      .limit(1)
  )[0];
}

function requirePhone(input: string): string {
  const phone = normalizePhone(input);
  if (!phone)
    throw unprocessable([{ code: 'INVALID_PHONE', path: 'phone', message: phoneError(input) ?? '' }]);
  return phone;
}

/**
 * Where a message for an account goes: its e-mail when asked for and it has one, else its phone. The
 * answer never says which: it must not reveal whether the account (or its address) exists.
 */
function addressFor(user: UserRow, channel: Channel): Address {
  return channel === 'email' && user.email
    ? { kind: 'email', email: user.email }
    : { kind: 'sms', phone: user.phone as string };
}

/** Told instead of "this number is taken" / "no account": `sentTo` of a code asked by e-mail. */
export const ACCOUNT_EMAIL = 'thư điện tử của tài khoản';

function requireChannel(messaging: MessageChannel, channel: Channel): void {
  if (!canSend(messaging, channel)) {
    throw new AppError(
      503,
      'MESSAGING_UNAVAILABLE',
      channel === 'sms'
        ? 'Hệ thống hiện chưa gửi được tin nhắn SMS. Vui lòng thử nhận mã qua thư điện tử hoặc liên hệ Bộ phận một cửa.'
        : 'Hệ thống hiện chưa gửi được thư điện tử. Vui lòng nhận mã qua tin nhắn SMS hoặc liên hệ Bộ phận một cửa.',
    );
  }
}

/** Writes a new code for (user, purpose), ending the earlier ones; returns the code in clear. */
async function issueCode(db: Db, userId: string, purpose: Purpose, now: Date): Promise<string> {
  const code = String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
  const id = randomUUID();
  await db
    .update(verificationCodes)
    .set({ consumedAt: now })
    .where(
      and(
        eq(verificationCodes.userId, userId),
        eq(verificationCodes.purpose, purpose),
        isNull(verificationCodes.consumedAt),
      ),
    );
  await db.insert(verificationCodes).values({
    id,
    userId,
    purpose,
    codeHash: codeHash(id, purpose, code),
    createdAt: now,
    expiresAt: new Date(now.getTime() + CODE_TTL_MS),
  });
  return code;
}

function codeText(purpose: Purpose, code: string): { subject: string; text: string } {
  const minutes = CODE_TTL_MS / 60_000;
  return purpose === 'verify'
    ? {
        subject: 'Mã xác thực tài khoản Cổng dịch vụ công',
        text: `Cổng dịch vụ công: mã xác thực tài khoản của bạn là ${code}, có hiệu lực ${minutes} phút. Không cung cấp mã này cho bất kỳ ai.`,
      }
    : {
        subject: 'Mã đặt lại mật khẩu Cổng dịch vụ công',
        text: `Cổng dịch vụ công: mã đặt lại mật khẩu của bạn là ${code}, có hiệu lực ${minutes} phút. Nếu bạn không yêu cầu, hãy bỏ qua tin này.`,
      };
}

/**
 * What the holder of a number is told instead of a code, so that only they learn that the number has
 * an account: `exists` (verified), `pending` (registered, never verified), `locked` (verified,
 * deactivated), `unavailable` (the number is another account's username).
 */
type Notice = 'exists' | 'pending' | 'locked' | 'unavailable';

function noticeText(notice: Notice): { subject: string; text: string } {
  const ignore = 'Nếu bạn không yêu cầu, hãy bỏ qua tin này.';
  switch (notice) {
    case 'exists':
      return {
        subject: 'Số điện thoại đã có tài khoản Cổng dịch vụ công',
        text: `Cổng dịch vụ công: Số điện thoại này đã có tài khoản nên không cần đăng ký hay xác thực lại. Hãy đăng nhập bằng số điện thoại này; nếu không nhớ mật khẩu, hãy dùng chức năng “Quên mật khẩu?”. ${ignore}`,
      };
    case 'pending':
      return {
        subject: 'Số điện thoại đã được đăng ký nhưng chưa xác thực',
        text: `Cổng dịch vụ công: Số điện thoại này đã có tài khoản nhưng chưa được xác thực, nên không đăng ký mới được. Hãy dùng chức năng “Quên mật khẩu?” để đặt mật khẩu mới; tài khoản được kích hoạt cùng lúc. ${ignore}`,
      };
    case 'locked':
      return {
        subject: 'Tài khoản Cổng dịch vụ công đang bị khóa',
        text: `Cổng dịch vụ công: Tài khoản của số điện thoại này đang bị khóa nên chưa gửi được mã. Vui lòng liên hệ Bộ phận một cửa. ${ignore}`,
      };
    case 'unavailable':
      return {
        subject: 'Không đăng ký được tài khoản Cổng dịch vụ công',
        text: `Cổng dịch vụ công: Không thể đăng ký tài khoản mới bằng số điện thoại này. Vui lòng liên hệ Bộ phận một cửa. ${ignore}`,
      };
  }
}

interface Outgoing {
  topic: string;
  to: Address;
  name: string;
  subject: string;
  text: string;
  /** The code in `text`, masked in the outbox record; its row is ended if sending fails. */
  code?: { value: string; userId: string; purpose: Purpose };
}

/**
 * Sends a code or a notice through the messaging channel, outside any transaction, then records the
 * sending in the outbox with the code masked (the outbox never holds a usable code; decision 0005).
 * A failed delivery ends the code. Resolves to whether the channel took the message.
 */
async function deliver(deps: AccountsDeps, m: Outgoing): Promise<boolean> {
  const id = randomUUID();
  let error: string | null = null;
  try {
    await deps.messaging.send({
      id,
      topic: m.topic,
      to: m.to,
      name: m.name,
      subject: m.subject,
      text: m.text,
    });
  } catch (e) {
    error = String(e instanceof Error ? e.message : e).slice(0, 500);
  }
  const now = deps.clock.now();
  await deps.database.tx(async (db) => {
    await db.insert(outbox).values({
      createdAt: now,
      topic: m.topic,
      dossierId: null,
      recipient: {
        name: m.name,
        phone: m.to.kind === 'sms' ? m.to.phone : null,
        email: m.to.kind === 'email' ? m.to.email : null,
      },
      message: m.code ? m.text.replace(m.code.value, '•'.repeat(CODE_LENGTH)) : m.text,
      // Never 'pending': the dispatcher must not resend a masked text.
      status: error ? 'failed' : 'sent',
      attempts: 1,
      nextAttemptAt: now,
      sentAt: error ? null : now,
      lastError: error,
    });
    if (error && m.code) {
      await db
        .update(verificationCodes)
        .set({ consumedAt: now })
        .where(
          and(
            eq(verificationCodes.userId, m.code.userId),
            eq(verificationCodes.purpose, m.code.purpose),
            isNull(verificationCodes.consumedAt),
          ),
        );
    }
  });
  return !error;
}

function codeMessage(user: UserRow, purpose: Purpose, channel: Channel, code: string): Outgoing {
  return {
    topic: `account.${purpose}`,
    to: addressFor(user, channel),
    name: user.fullName,
    ...codeText(purpose, code),
    code: { value: code, userId: user.id, purpose },
  };
}

function noticeMessage(notice: Notice, to: Address, name: string): Outgoing {
  return { topic: 'account.notice', to, name, ...noticeText(notice) };
}

/** The answer to a code request: built from the request alone, whoever holds the number. */
function codeSent(phone: string, channel: Channel, sentTo: string, sent: boolean): CodeSent {
  return {
    phone,
    channel,
    sentTo,
    sent,
    expiresInSeconds: CODE_TTL_MS / 1000,
    resendAfterSeconds: sent ? RESEND_COOLDOWN_MS / 1000 : 0,
  };
}

function throttleSend(deps: AccountsDeps, purpose: Purpose, phone: string, ip: string) {
  const key = `${purpose}|${phone}`;
  const now = deps.clock.now().getTime();
  const wait = deps.codes.retryAfter(key, ip, now);
  if (wait > 0) throw tooSoon(wait);
  deps.codes.sent(key, ip, now);
  return { key, ip };
}

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
  const throttle = throttleSend(deps, 'verify', phone, ip);

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
    deps.codes.unsent(throttle.key, throttle.ip);
    throw e;
  }
  deps.guesses.succeed(`verify|${phone}`);
  // Awaited in both cases: one message goes out either way, through the channel asked for when it can.
  const sent = await deliver(deps, message);
  if (!sent) deps.codes.unsent(throttle.key, throttle.ip);
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
  throttleSend(deps, purpose, phone, ip);
  deps.guesses.succeed(`${purpose}|${phone}`);
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

/**
 * Checks a code inside the caller's transaction, locking its row so parallel guesses count one by one.
 * A wrong guess is counted on the code (the caller commits, then throws); a code is refused once
 * entered wrongly CODE_MAX_ATTEMPTS times, once expired, and once used.
 */
async function checkCode(
  db: Db,
  userId: string,
  purpose: Purpose,
  code: string,
  now: Date,
): Promise<boolean> {
  const row = (
    await db
      .select()
      .from(verificationCodes)
      .where(
        and(
          eq(verificationCodes.userId, userId),
          eq(verificationCodes.purpose, purpose),
          isNull(verificationCodes.consumedAt),
        ),
      )
      .orderBy(desc(verificationCodes.createdAt))
      .limit(1)
      .for('update')
  )[0];
  if (!row || row.expiresAt.getTime() <= now.getTime() || row.attempts >= CODE_MAX_ATTEMPTS) return false;
  const typed = code.replace(/\s/g, '');
  if (/^\d{6}$/.test(typed) && codeHash(row.id, purpose, typed) === row.codeHash) {
    await db.update(verificationCodes).set({ consumedAt: now }).where(eq(verificationCodes.id, row.id));
    return true;
  }
  await db
    .update(verificationCodes)
    .set({ attempts: row.attempts + 1 })
    .where(eq(verificationCodes.id, row.id));
  return false;
}

function codeLocked(): AppError {
  return new AppError(
    429,
    'CODE_LOCKED',
    `Bạn đã nhập sai mã ${CODE_MAX_ATTEMPTS} lần nên mã này không dùng được nữa. Hãy bấm “Gửi lại mã” để nhận mã mới.`,
  );
}

/**
 * Wraps a code check so that its refusal depends only on the number and the guesses made, never on
 * whether the number has an account, a code, an expired or a used one (decision 0012): a guess is
 * counted per (purpose, phone) before the check, the fifth wrong one locks (429 CODE_LOCKED) until a
 * new code is asked for, and every other refusal is one 400 WRONG_CODE with the attempts left.
 */
async function guarded<T>(
  deps: AccountsDeps,
  purpose: Purpose,
  phone: string,
  run: () => Promise<T | null>,
): Promise<T> {
  const key = `${purpose}|${phone}`;
  const now = deps.clock.now().getTime();
  if (deps.guesses.attempt(key, now) > 0) throw codeLocked();
  const result = await run();
  if (result !== null) {
    deps.guesses.succeed(key);
    return result;
  }
  const left = CODE_MAX_ATTEMPTS - deps.guesses.failures(key, now);
  if (left <= 0) throw codeLocked();
  throw new AppError(
    400,
    'WRONG_CODE',
    `Mã xác thực không đúng hoặc đã hết hạn (mã có hiệu lực ${CODE_TTL_MS / 60_000} phút). Bạn còn ${left} lần thử; nếu cần, hãy bấm “Gửi lại mã” để nhận mã mới.`,
    { attemptsLeft: left },
  );
}

async function openSession(
  db: Db,
  userId: string,
  now: Date,
  hours: number,
  ip: string,
  userAgent: string | undefined,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
    ip,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
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
    const wait = deps.logins.attempt(key, now.getTime());
    if (wait > 0) throw tooManyAttempts(wait, 'Bạn đã nhập sai quá nhiều lần.');
    if (!(await verifyPassword(input.password, found.passwordHash))) throw invalidCredentials();
    deps.logins.succeed(key);
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

export function toAccount(u: UserRow): Account {
  return {
    id: u.id,
    username: u.username,
    accountKind: u.accountKind,
    fullName: u.fullName,
    phone: u.phone,
    email: u.email,
    taxCode: u.taxCode,
    communityHelper: u.communityHelper,
    verified: u.verifiedAt !== null,
    roles: u.roles,
  };
}

export async function getAccount(db: Db, userId: string): Promise<Account> {
  const u = (await db.select().from(users).where(eq(users.id, userId)))[0];
  if (!u) throw errors.notFound('tài khoản');
  return toAccount(u);
}

/** A citizen edits their name and e-mail (the phone number is the login and proved by a code). */
export async function updateAccount(
  db: Db,
  actor: AuthUser,
  now: Date,
  patch: { fullName?: string | undefined; email?: string | null | undefined },
): Promise<Account> {
  if (!actor.roles.includes('citizen')) {
    throw errors.forbidden('sửa hồ sơ tại cổng dịch vụ công (tài khoản cán bộ do quản trị viên quản lý)');
  }
  const email =
    patch.email === undefined ? undefined : patch.email?.trim() ? patch.email.trim().toLowerCase() : null;
  const bad = emailError(email ?? '');
  if (bad) throw unprocessable([{ code: 'INVALID_EMAIL', path: 'email', message: bad }]);
  const [row] = await db
    .update(users)
    .set({
      ...(patch.fullName !== undefined ? { fullName: patch.fullName } : {}),
      ...(email !== undefined ? { email } : {}),
      updatedAt: now,
    })
    .where(eq(users.id, actor.id))
    .returning();
  if (!row) throw errors.notFound('tài khoản');
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'account.updated',
    entity: 'user',
    entityId: actor.id,
    data: patch,
  });
  return toAccount(row);
}

/** An administrator marks a citizen account as community helper (người hỗ trợ cộng đồng) or not. */
export async function setCommunityHelper(
  db: Db,
  actor: AuthUser,
  now: Date,
  userId: string,
  on: boolean,
): Promise<{ id: string; communityHelper: boolean }> {
  const u = await getUser(db, actor, userId);
  if (!u.roles.includes('citizen')) {
    throw new AppError(
      422,
      'NOT_A_CITIZEN',
      'Chỉ tài khoản công dân (người dùng cổng dịch vụ công) mới có thể là người hỗ trợ cộng đồng.',
    );
  }
  await db.update(users).set({ communityHelper: on, updatedAt: now }).where(eq(users.id, userId));
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'user.community_helper',
    entity: 'user',
    entityId: userId,
    data: { communityHelper: on },
  });
  return { id: userId, communityHelper: on };
}

export async function getCommunityHelper(
  db: Db,
  actor: AuthUser,
  userId: string,
): Promise<{ id: string; communityHelper: boolean }> {
  const u = await getUser(db, actor, userId);
  return { id: u.id, communityHelper: u.communityHelper };
}
