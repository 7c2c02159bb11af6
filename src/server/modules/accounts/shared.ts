import { and, arrayContains, eq } from 'drizzle-orm';
import { normalizePhone, phoneError } from '../../../domain/identity/account';
import type { Clock } from '../../clock';
import type { Database, Db } from '../../db/database';
import { users } from '../../db/schema';
import { AppError } from '../../errors';
import type { RateLimit } from '../auth/rate-limit';
import type { MessageChannel } from '../notifications/channels';
import type { CodeThrottle } from './throttle';

/**
 * What the account flows share: their dependencies, the 422 listing every input rule broken, and the
 * portal account behind a mobile number.
 */

export type UserRow = typeof users.$inferSelect;
export type Purpose = 'verify' | 'reset';
export type Channel = 'sms' | 'email';

export interface AccountsDeps {
  database: Database;
  clock: Clock;
  messaging: MessageChannel;
  codes: CodeThrottle;
  logins: RateLimit;
  /**
   * Wrong codes per (purpose, phone) since the last code was asked for, counted for every number
   * whether or not it has an account, so the answers to a wrong code say nothing about the number.
   */
  guesses: RateLimit;
  /** Runs work after the answer (its time must not show whether the number has an account). */
  later: (work: () => Promise<unknown>) => void;
  sessionHours: number;
}

export interface Issue {
  code: string;
  path: string;
  message: string;
}

/** 422 with every rule broken, in the route-schema details format; the first issue names the code. */
export function unprocessable(issues: Issue[]): AppError {
  const first = issues[0] as Issue;
  return new AppError(
    422,
    first.code,
    first.message,
    issues.map((i) => ({ in: 'body', path: [i.path], message: i.message })),
  );
}

export function check(issues: Issue[], code: string, path: string, message: string | null): void {
  if (message) issues.push({ code, path, message });
}

/** The portal account (person or organisation) holding this mobile number, if any. */
export async function findByPhone(db: Db, phone: string): Promise<UserRow | undefined> {
  return (
    await db
      .select()
      .from(users)
      .where(and(eq(users.phone, phone), arrayContains(users.roles, ['citizen'])))
      .limit(1)
  )[0];
}

export function requirePhone(input: string): string {
  const phone = normalizePhone(input);
  if (!phone)
    throw unprocessable([{ code: 'INVALID_PHONE', path: 'phone', message: phoneError(input) ?? '' }]);
  return phone;
}
