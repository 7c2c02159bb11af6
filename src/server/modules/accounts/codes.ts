import { createHash, randomInt, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import {
  CODE_LENGTH,
  CODE_MAX_ATTEMPTS,
  CODE_TTL_MS,
  RESEND_COOLDOWN_MS,
} from '../../../domain/identity/account';
import type { Db } from '../../db/database';
import { verificationCodes } from '../../db/schema';
import { AppError } from '../../errors';
import type { CodeSent } from './accounts.schema';
import type { AccountsDeps, Channel, Purpose } from './shared';

/**
 * Verification codes: written (only their hash is stored), checked with their attempts counted, ended;
 * the limits on asking for one and on guessing one; the answer to a code request.
 */

function codeHash(id: string, purpose: Purpose, code: string): string {
  return createHash('sha256').update(`${id}:${purpose}:${code}`).digest('base64url');
}

/** Writes a new code for (user, purpose), ending the earlier ones; returns the code in clear. */
export async function issueCode(db: Db, userId: string, purpose: Purpose, now: Date): Promise<string> {
  const code = String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
  const id = randomUUID();
  await endCodes(db, userId, purpose, now);
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

/** Ends every open code of (user, purpose). */
export async function endCodes(db: Db, userId: string, purpose: Purpose, now: Date): Promise<void> {
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
}

/**
 * Checks a code inside the caller's transaction, locking its row so parallel guesses count one by one.
 * A wrong guess is counted on the code (the caller commits, then throws); a code is refused once
 * entered wrongly CODE_MAX_ATTEMPTS times, once expired, and once used.
 */
export async function checkCode(
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

function tooSoon(waitMs: number): AppError {
  const seconds = Math.ceil(waitMs / 1000);
  const when = seconds > 90 ? `${Math.ceil(seconds / 60)} phút` : `${seconds} giây`;
  return new AppError(429, 'RESEND_TOO_SOON', `Mã vừa được gửi. Vui lòng chờ ${when} rồi bấm “Gửi lại mã”.`, {
    retryAfterSeconds: seconds,
  });
}

export async function throttleSend(deps: AccountsDeps, purpose: Purpose, phone: string, ip: string) {
  const key = `${purpose}|${phone}`;
  const now = deps.clock.now().getTime();
  const wait = await deps.codes.take(key, ip, now);
  if (wait > 0) throw tooSoon(wait);
  return { key, ip };
}

/** The answer to a code request: built from the request alone, whoever holds the number. */
export function codeSent(phone: string, channel: Channel, sentTo: string, sent: boolean): CodeSent {
  return {
    phone,
    channel,
    sentTo,
    sent,
    expiresInSeconds: CODE_TTL_MS / 1000,
    resendAfterSeconds: sent ? RESEND_COOLDOWN_MS / 1000 : 0,
  };
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
export async function guarded<T>(
  deps: AccountsDeps,
  purpose: Purpose,
  phone: string,
  run: () => Promise<T | null>,
): Promise<T> {
  const key = `${purpose}|${phone}`;
  const now = deps.clock.now().getTime();
  if ((await deps.guesses.attempt(key, now)) > 0) throw codeLocked();
  const result = await run();
  if (result !== null) {
    await deps.guesses.succeed(key);
    return result;
  }
  const left = CODE_MAX_ATTEMPTS - (await deps.guesses.failures(key, now));
  if (left <= 0) throw codeLocked();
  throw new AppError(
    400,
    'WRONG_CODE',
    `Mã xác thực không đúng hoặc đã hết hạn (mã có hiệu lực ${CODE_TTL_MS / 60_000} phút). Bạn còn ${left} lần thử; nếu cần, hãy bấm “Gửi lại mã” để nhận mã mới.`,
    { attemptsLeft: left },
  );
}
