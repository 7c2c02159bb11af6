/**
 * Opening and closing a counter (mở quầy, đóng quầy): `closed → open` by a reception officer of its agency,
 * one counter per officer; `open → closed` by its officer, or a leader / administrator of the agency, once
 * nobody is at it. Pure: the caller loads the facts named in `OpenFacts` / `CloseFacts`.
 */
import type { DeskCounter, Refusal } from './tickets';

export type CounterAction = 'open' | 'close';

export interface CounterRule {
  from: 'closed' | 'open';
  to: 'open' | 'closed';
  who: string;
}

/**
 * Refusals, in the order checked. Open: FORBIDDEN (403, not a reception officer of the counter's agency),
 * COUNTER_INACTIVE, COUNTER_TAKEN (another officer is on duty there), ALREADY_AT_COUNTER (the officer is on
 * duty at another counter) (409). Close: FORBIDDEN (403, neither its officer nor a leader / administrator of
 * the agency), COUNTER_BUSY (409, a ticket is still called or served there). Opening one's own open counter and
 * closing a closed one succeed and change nothing.
 */
export const COUNTER_RULES: Readonly<Record<CounterAction, CounterRule>> = {
  open: { from: 'closed', to: 'open', who: 'a reception officer of the agency, not on duty elsewhere' },
  close: {
    from: 'open',
    to: 'closed',
    who: 'its officer on duty, or a leader / administrator of the agency',
  },
};

export type CounterDecision = { ok: true; changed: boolean } | { ok: false; refusal: Refusal };

const refuse = (status: 403 | 409, code: string, message: string): CounterDecision => ({
  ok: false,
  refusal: { status, code, message },
});
const forbidden = (what: string) => refuse(403, 'FORBIDDEN', `Tài khoản của bạn không có quyền ${what}.`);

export interface OpenFacts {
  actor: { id: string; agencyId: string | null; roles: readonly string[] };
  /** Full name of the officer on duty at the counter, if any. */
  officerName: string | null;
  /** Number of a counter the actor is on duty at, if any. */
  dutyElsewhere: number | null;
}

export function decideOpen(c: DeskCounter, f: OpenFacts): CounterDecision {
  if (f.actor.agencyId !== c.agencyId || !f.actor.roles.includes('reception'))
    return forbidden('mở quầy của cơ quan khác (chỉ cán bộ một cửa của cơ quan này)');
  if (!c.active)
    return refuse(409, 'COUNTER_INACTIVE', `Quầy số ${c.number} đang ngừng sử dụng; quản trị cần bật lại.`);
  if (c.state === 'open' && c.officerId === f.actor.id) return { ok: true, changed: false };
  if (c.state === 'open' && c.officerId) {
    return refuse(
      409,
      'COUNTER_TAKEN',
      `Quầy số ${c.number} đang do ${f.officerName ?? ''} trực; chọn quầy khác hoặc nhờ đóng quầy trước.`,
    );
  }
  if (f.dutyElsewhere !== null) {
    return refuse(
      409,
      'ALREADY_AT_COUNTER',
      `Bạn đang trực quầy số ${f.dutyElsewhere}; đóng quầy đó trước khi mở quầy khác.`,
    );
  }
  return { ok: true, changed: true };
}

export interface CloseFacts {
  actorId: string;
  /** A leader or administrator whose scope holds the counter's agency. */
  manager: boolean;
  /** Label of a ticket still called or served at the counter, if any. */
  busyWith: string | null;
}

export function decideClose(c: DeskCounter, f: CloseFacts): CounterDecision {
  if (c.officerId !== f.actorId && !f.manager) return forbidden('đóng quầy do cán bộ khác trực');
  if (c.state === 'closed') return { ok: true, changed: false };
  if (f.busyWith !== null) {
    return refuse(
      409,
      'COUNTER_BUSY',
      `Quầy đang phục vụ số ${f.busyWith}; bấm "Hoàn thành", "Vắng mặt" hoặc "Chuyển quầy" trước khi đóng quầy.`,
    );
  }
  return { ok: true, changed: true };
}
