import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './db/database';
import { idempotencyKeys } from './db/schema';
import { AppError } from './errors';

/**
 * Runs a command at most once per (user, Idempotency-Key), inside the caller's transaction. The key
 * row is inserted first, so a concurrent retry on PostgreSQL waits for this transaction and then
 * finds the stored result; a key reused for a different request is refused.
 */
export async function once<T>(
  db: Db,
  userId: string,
  key: string | undefined,
  request: unknown,
  now: Date,
  run: () => Promise<T>,
): Promise<T> {
  if (!key) return run();
  // A key is a token a client makes (a UUID, say): visible ASCII, at most 200 characters.
  if (!/^[\x21-\x7E]{1,200}$/.test(key)) {
    throw new AppError(
      400,
      'IDEMPOTENCY_KEY_INVALID',
      'Khóa Idempotency-Key không hợp lệ: chỉ gồm chữ, số và ký hiệu ASCII nhìn thấy được, tối đa 200 ký tự.',
    );
  }
  const id = `${userId}:${key}`;
  const hash = createHash('sha256').update(JSON.stringify(request)).digest('base64url');
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ key: id, userId, response: { hash, pending: true }, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length === 0) {
    const seen = (await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, id)))[0]!;
    const stored = seen.response as { hash?: string; result?: T };
    if (stored.hash !== undefined && stored.hash !== hash) {
      throw new AppError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới.',
      );
    }
    return stored.result as T;
  }
  const result = await run();
  await db.update(idempotencyKeys).set({ response: { hash, result } }).where(eq(idempotencyKeys.key, id));
  return result;
}
