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
import { hashToken, login, toMe } from '../auth/auth.service';
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

const accountNotFound = () =>
  new AppError(
    404,
    'ACCOUNT_NOT_FOUND',
    'Không tìm thấy tài khoản với số điện thoại này. Hãy kiểm tra lại số hoặc đăng ký tài khoản mới.',
  );

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

function addressOf(user: UserRow, channel: Channel): Address {
  if (channel === 'email') {
    if (!user.email) {
      throw new AppError(
        422,
        'EMAIL_NOT_SET',
        'Tài khoản chưa có thư điện tử; hãy nhận mã qua tin nhắn SMS.',
      );
    }
    return { kind: 'email', email: user.email };
  }
  return { kind: 'sms', phone: user.phone as string };
}

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
 * Sends a code through the messaging channel, outside any transaction, then records the sending in
 * the outbox with the code masked (the outbox never holds a usable code; decision 0005). A failed
 * delivery ends the code, so the user may ask again at once.
 */
async function deliver(
  deps: AccountsDeps,
  user: UserRow,
  purpose: Purpose,
  channel: Channel,
  code: string,
  throttle: { key: string; ip: string },
): Promise<CodeSent> {
  const to = addressOf(user, channel);
  const { subject, text } = codeText(purpose, code);
  const id = randomUUID();
  let error: string | null = null;
  try {
    await deps.messaging.send({ id, topic: `account.${purpose}`, to, name: user.fullName, subject, text });
  } catch (e) {
    error = String(e instanceof Error ? e.message : e).slice(0, 500);
  }
  const now = deps.clock.now();
  await deps.database.tx(async (db) => {
    await db.insert(outbox).values({
      createdAt: now,
      topic: `account.${purpose}`,
      dossierId: null,
      recipient: {
        name: user.fullName,
        phone: to.kind === 'sms' ? to.phone : null,
        email: to.kind === 'email' ? to.email : null,
      },
      message: text.replace(code, '•'.repeat(CODE_LENGTH)),
      // Never 'pending': the dispatcher must not resend a masked text.
      status: error ? 'failed' : 'sent',
      attempts: 1,
      nextAttemptAt: now,
      sentAt: error ? null : now,
      lastError: error,
    });
    if (error) {
      await db
        .update(verificationCodes)
        .set({ consumedAt: now })
        .where(
          and(
            eq(verificationCodes.userId, user.id),
            eq(verificationCodes.purpose, purpose),
            isNull(verificationCodes.consumedAt),
          ),
        );
    }
  });
  if (error) deps.codes.unsent(throttle.key, throttle.ip);
  return {
    phone: user.phone as string,
    channel,
    sentTo: to.kind === 'sms' ? maskPhone(to.phone) : maskEmail(to.email),
    sent: !error,
    expiresInSeconds: CODE_TTL_MS / 1000,
    resendAfterSeconds: error ? 0 : RESEND_COOLDOWN_MS / 1000,
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

  let created: { user: UserRow; code: string };
  try {
    const passwordHash = await hashPassword(input.password);
    const now = deps.clock.now();
    created = await deps.database.tx(async (db) => {
      // Two registrations of one number or tax code wait for each other (PostgreSQL; PGlite is serial).
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`account:${phone}`}))`);
      if (taxCode) await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`account:${taxCode}`}))`);
      const holder = await findByPhone(db, phone);
      if (holder) {
        throw errors.conflict(
          'PHONE_TAKEN',
          holder.verifiedAt
            ? 'Số điện thoại này đã được đăng ký. Hãy đăng nhập, hoặc chọn “Quên mật khẩu?” nếu không nhớ mật khẩu.'
            : 'Số điện thoại này đã đăng ký nhưng chưa xác thực. Hãy nhập mã đã gửi (có thể bấm “Gửi lại mã”), hoặc chọn “Quên mật khẩu?”.',
        );
      }
      const taken = (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0];
      if (taken) {
        throw taxCode
          ? errors.conflict(
              'TAX_CODE_TAKEN',
              `Mã số thuế ${taxCode} đã có tài khoản. Hãy đăng nhập bằng tài khoản đó.`,
            )
          : errors.conflict(
              'PHONE_TAKEN',
              'Số điện thoại này đã được dùng làm tên đăng nhập của một tài khoản khác.',
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
      return { user, code };
    });
  } catch (e) {
    deps.codes.unsent(throttle.key, throttle.ip);
    throw e;
  }
  return deliver(deps, created.user, 'verify', input.channel, created.code, throttle);
}

/** A new code for an account waiting for verification (or for a password reset). */
export async function sendCode(
  deps: AccountsDeps,
  purpose: Purpose,
  phoneInput: string,
  channel: Channel,
  ip: string,
): Promise<CodeSent> {
  const phone = requirePhone(phoneInput);
  const user = await deps.database.read((db) => findByPhone(db, phone));
  if (!user) throw accountNotFound();
  if (purpose === 'verify' && user.verifiedAt) {
    throw errors.conflict('ALREADY_VERIFIED', 'Tài khoản đã được xác thực. Hãy đăng nhập.');
  }
  if (purpose === 'reset' && user.verifiedAt && !user.active) {
    throw new AppError(403, 'ACCOUNT_LOCKED', 'Tài khoản đang bị khóa. Vui lòng liên hệ Bộ phận một cửa.');
  }
  addressOf(user, channel);
  requireChannel(deps.messaging, channel);
  const throttle = throttleSend(deps, purpose, phone, ip);
  const code = await deps.database.tx((db) => issueCode(db, user.id, purpose, deps.clock.now()));
  return deliver(deps, user, purpose, channel, code, throttle);
}

type CodeCheck = { ok: true; codeId: string } | { ok: false; error: AppError };

/**
 * Checks a code inside the caller's transaction, locking its row so parallel guesses count one by one.
 * A wrong guess is counted (the caller commits, then throws the error).
 */
async function checkCode(
  db: Db,
  userId: string,
  purpose: Purpose,
  code: string,
  now: Date,
): Promise<CodeCheck> {
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
  if (!row) {
    return {
      ok: false,
      error: new AppError(400, 'CODE_NOT_FOUND', 'Chưa có mã xác thực còn hiệu lực. Hãy bấm “Gửi lại mã”.'),
    };
  }
  if (row.expiresAt.getTime() <= now.getTime()) {
    return {
      ok: false,
      error: new AppError(
        400,
        'CODE_EXPIRED',
        `Mã xác thực đã hết hạn (mã có hiệu lực ${CODE_TTL_MS / 60_000} phút). Hãy bấm “Gửi lại mã” để nhận mã mới.`,
      ),
    };
  }
  if (row.attempts >= CODE_MAX_ATTEMPTS) {
    return { ok: false, error: codeLocked() };
  }
  const typed = code.replace(/\s/g, '');
  if (/^\d{6}$/.test(typed) && codeHash(row.id, purpose, typed) === row.codeHash) {
    await db.update(verificationCodes).set({ consumedAt: now }).where(eq(verificationCodes.id, row.id));
    return { ok: true, codeId: row.id };
  }
  const attempts = row.attempts + 1;
  await db.update(verificationCodes).set({ attempts }).where(eq(verificationCodes.id, row.id));
  const left = CODE_MAX_ATTEMPTS - attempts;
  return {
    ok: false,
    error:
      left <= 0
        ? codeLocked()
        : new AppError(400, 'WRONG_CODE', `Mã xác thực không đúng. Bạn còn ${left} lần thử.`, {
            attemptsLeft: left,
          }),
  };
}

function codeLocked(): AppError {
  return new AppError(
    429,
    'CODE_LOCKED',
    `Bạn đã nhập sai mã ${CODE_MAX_ATTEMPTS} lần nên mã này không dùng được nữa. Hãy bấm “Gửi lại mã” để nhận mã mới.`,
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

const wrongCodeForUnknown = () =>
  new AppError(400, 'WRONG_CODE', 'Mã xác thực không đúng hoặc số điện thoại chưa đăng ký.');

/** Enters the registration code: the account becomes verified and active, and is signed in. */
export async function verify(
  deps: AccountsDeps,
  input: { phone: string; code: string },
  ip: string,
  userAgent: string | undefined,
): Promise<{ token: string; expiresAt: Date; user: AuthUser }> {
  const phone = requirePhone(input.phone);
  const now = deps.clock.now();
  const result = await deps.database.tx(async (db) => {
    const user = await findByPhone(db, phone);
    if (!user) return { error: wrongCodeForUnknown() };
    if (user.verifiedAt) {
      return { error: errors.conflict('ALREADY_VERIFIED', 'Tài khoản đã được xác thực. Hãy đăng nhập.') };
    }
    const checked = await checkCode(db, user.id, 'verify', input.code, now);
    if (!checked.ok) return { error: checked.error };
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
  });
  if ('error' in result) throw result.error;
  return result;
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
  // Hashed first, outside the transaction (slow); a wrong code wastes it, which also slows guessing.
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  const error = await deps.database.tx(async (db) => {
    const user = await findByPhone(db, phone);
    if (!user) return wrongCodeForUnknown();
    const checked = await checkCode(db, user.id, 'reset', input.code, now);
    if (!checked.ok) return checked.error;
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
    return null;
  });
  if (error) throw error;
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
    const wait = deps.logins.retryAfter(key, now.getTime());
    if (wait > 0) {
      throw new AppError(
        429,
        'TOO_MANY_ATTEMPTS',
        `Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(wait / 60_000)} phút.`,
        { retryAfterSeconds: Math.ceil(wait / 1000) },
      );
    }
    if (!(await verifyPassword(input.password, found.passwordHash))) {
      deps.logins.fail(key, now.getTime());
      throw invalidCredentials();
    }
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
