import { randomUUID } from 'node:crypto';
import { CODE_LENGTH, CODE_TTL_MS } from '../../../domain/identity/account';
import { outbox } from '../../db/schema';
import { AppError } from '../../errors';
import { type Address, canSend, type MessageChannel } from '../notifications/channels';
import { endCodes } from './codes';
import type { AccountsDeps, Channel, Purpose, UserRow } from './shared';

/** What an account is sent: a code or a notice, its text, its address, and its delivery. */

/**
 * Where a message for an account goes: its e-mail when asked for and it has one, else its phone. The
 * answer never says which: it must not reveal whether the account (or its address) exists.
 */
export function addressFor(user: UserRow, channel: Channel): Address {
  return channel === 'email' && user.email
    ? { kind: 'email', email: user.email }
    : { kind: 'sms', phone: user.phone as string };
}

/** Told instead of "this number is taken" / "no account": `sentTo` of a code asked by e-mail. */
export const ACCOUNT_EMAIL = 'thư điện tử của tài khoản';

export function requireChannel(messaging: MessageChannel, channel: Channel): void {
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
export type Notice = 'exists' | 'pending' | 'locked' | 'unavailable';

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

export interface Outgoing {
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
export async function deliver(deps: AccountsDeps, m: Outgoing): Promise<boolean> {
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
    if (error && m.code) await endCodes(db, m.code.userId, m.code.purpose, now);
  });
  return !error;
}

export function codeMessage(user: UserRow, purpose: Purpose, channel: Channel, code: string): Outgoing {
  return {
    topic: `account.${purpose}`,
    to: addressFor(user, channel),
    name: user.fullName,
    ...codeText(purpose, code),
    code: { value: code, userId: user.id, purpose },
  };
}

export function noticeMessage(notice: Notice, to: Address, name: string): Outgoing {
  return { topic: 'account.notice', to, name, ...noticeText(notice) };
}
