/**
 * What may happen to a queue ticket, from which status, by whom (chuyển trạng thái số thứ tự). Pure: the
 * server loads the ticket, the counter it is at, and what a command names (target counter, dossier), asks
 * `decideTicket`, and writes what it answers — or throws its refusal, code and Vietnamese message as they are.
 *
 *   waiting ──call──▶ called ──serve──▶ serving ──finish──▶ done
 *   transferred ─call─┘  │ └──skip──▶ no_show        │
 *                        └──────transfer──▶ transferred ◀┘  (called or serving; waits for the target counter)
 *
 * Calling the next ticket also finishes the one still at the calling counter (`finish`, from called or serving).
 */
import { TICKET_STATUS_VI, type TicketStatus } from './queue';

export type TicketAction = 'call' | 'recall' | 'serve' | 'finish' | 'skip' | 'transfer' | 'link-dossier';

/** What the queue's event log records for a command (besides `issued`, `opened`, `closed`). */
export type TicketEventType =
  | 'called'
  | 'recalled'
  | 'serving'
  | 'done'
  | 'no_show'
  | 'transferred'
  | 'dossier';

/** Tickets waiting for a counter: in the hall, or transferred to one counter. */
export const WAITING_STATUSES = ['waiting', 'transferred'] as const satisfies readonly TicketStatus[];
/** Tickets at a counter: called there, or being served there. */
export const AT_COUNTER_STATUSES = ['called', 'serving'] as const satisfies readonly TicketStatus[];
export const ALL_TICKET_STATUSES: readonly TicketStatus[] = [
  'waiting',
  'called',
  'serving',
  'done',
  'no_show',
  'transferred',
];

/**
 * Who may act: `officer-on-duty` — the officer who opened the counter concerned (the calling counter, or the
 * one the ticket is at), within their agency scope; `agency-desk` — a reception officer of the ticket's agency.
 */
export type TicketActorRule = 'officer-on-duty' | 'agency-desk';

export interface TicketRule {
  /** Statuses the action is taken from. */
  from: readonly TicketStatus[];
  /** Where it leads; `same` keeps the status (a called ticket linked to a dossier becomes served). */
  to: TicketStatus | 'same';
  who: TicketActorRule;
  event: TicketEventType;
}

/**
 * The transition table. Refusals, in the order they are checked (see `decideTicket`):
 * OUT_OF_SCOPE (403) — the actor is not of the ticket's agency (scope; for a dossier link: reception of that agency);
 * TICKET_NOT_AT_COUNTER (409) — a counter action on a ticket not called or served at a counter;
 * NOT_ON_DUTY (409) — the actor did not open that counter;
 * then per action: TICKET_BEING_SERVED (409; recall and skip of a ticket being served), SAME_COUNTER (400) and
 * NOT_FOUND (404) for a transfer, NOT_FOUND (404) and TICKET_HAS_DOSSIER (409) for a dossier link.
 * `serve` of a ticket already being served succeeds and changes nothing.
 */
export const TICKET_RULES: Readonly<Record<TicketAction, TicketRule>> = {
  call: { from: WAITING_STATUSES, to: 'called', who: 'officer-on-duty', event: 'called' },
  recall: { from: ['called'], to: 'called', who: 'officer-on-duty', event: 'recalled' },
  serve: { from: ['called'], to: 'serving', who: 'officer-on-duty', event: 'serving' },
  finish: { from: AT_COUNTER_STATUSES, to: 'done', who: 'officer-on-duty', event: 'done' },
  skip: { from: ['called'], to: 'no_show', who: 'officer-on-duty', event: 'no_show' },
  transfer: { from: AT_COUNTER_STATUSES, to: 'transferred', who: 'officer-on-duty', event: 'transferred' },
  'link-dossier': { from: ALL_TICKET_STATUSES, to: 'same', who: 'agency-desk', event: 'dossier' },
};

export interface Refusal {
  status: 400 | 403 | 404 | 409;
  code: string;
  message: string;
}

/** The ticket as the rules see it. */
export interface TicketSnapshot {
  agencyId: string;
  label: string;
  status: TicketStatus;
  /** The counter it is at (called, serving), was last at (done, no-show), or waits for (transferred). */
  counterId: string | null;
  dossierId: string | null;
  dossierCode: string | null;
}

/** A counter as the rules see it. */
export interface DeskCounter {
  id: string;
  agencyId: string;
  number: number;
  state: 'open' | 'closed';
  officerId: string | null;
  active: boolean;
}

export interface TicketActor {
  id: string;
  agencyId: string | null;
  roles: readonly string[];
  /** Whether the agency concerned (the ticket's, or the calling counter's) is within the actor's scope. */
  inScope: boolean;
}

export type TicketCommand =
  | { action: 'recall' | 'serve' | 'finish' | 'skip' }
  | { action: 'transfer'; toCounterId: string; target: DeskCounter | null }
  | { action: 'link-dossier'; dossier: { id: string; code: string | null; agencyId: string } | null };

export type TicketDecision =
  | {
      ok: true;
      to: TicketStatus;
      /** The event to record; null when nothing changes (serving a ticket already being served). */
      event: TicketEventType | null;
    }
  | { ok: false; refusal: Refusal };

const refuse = (status: Refusal['status'], code: string, message: string): TicketDecision => ({
  ok: false,
  refusal: { status, code, message },
});

/** The same text as the server's `errors.outOfScope()`, which the server uses for this code. */
export const OUT_OF_SCOPE: Refusal = {
  status: 403,
  code: 'OUT_OF_SCOPE',
  message: 'Dữ liệu này thuộc cơ quan ngoài phạm vi quản lý của tài khoản bạn.',
};

const notFound = (what: string): Refusal => ({
  status: 404,
  code: 'NOT_FOUND',
  message: `Không tìm thấy ${what}.`,
});

/** Whether the actor is on duty at `c` (opened it and has not closed it). */
export function onDuty(c: DeskCounter, actorId: string): boolean {
  return c.state === 'open' && c.officerId === actorId;
}

/** Refusal of an action at counter `c` by an actor who is not on duty there, else null. */
export function dutyRefusal(c: DeskCounter, a: TicketActor): Refusal | null {
  // Another agency's counter is refused as such, before anything about its duty is told.
  if (!a.inScope) return OUT_OF_SCOPE;
  if (!onDuty(c, a.id)) {
    return {
      status: 409,
      code: 'NOT_ON_DUTY',
      message: `Bạn không trực quầy số ${c.number}; mở quầy trước khi gọi số.`,
    };
  }
  return null;
}

/**
 * Calling the next ticket at counter `c`: only its officer on duty. Which ticket is called is `callQueue`'s
 * order over the tickets in `TICKET_RULES.call.from`; the one still at the counter is finished first.
 */
export function decideCall(c: DeskCounter, a: TicketActor): Refusal | null {
  return dutyRefusal(c, a);
}

/**
 * Decides a command on ticket `t`. `counter` is the counter the ticket names (`t.counterId`), loaded by the
 * caller; it is only consulted for a ticket at a counter.
 */
export function decideTicket(
  t: TicketSnapshot,
  cmd: TicketCommand,
  a: TicketActor,
  counter: DeskCounter | null,
): TicketDecision {
  const rule = TICKET_RULES[cmd.action];
  if (cmd.action === 'link-dossier') {
    if (a.agencyId !== t.agencyId || !a.roles.includes('reception'))
      return { ok: false, refusal: OUT_OF_SCOPE };
    const d = cmd.dossier;
    if (!d || d.agencyId !== t.agencyId)
      return { ok: false, refusal: notFound('hồ sơ này trong cơ quan của số thứ tự') };
    if (t.dossierId && t.dossierId !== d.id) {
      return refuse(409, 'TICKET_HAS_DOSSIER', `Số ${t.label} đã gắn với hồ sơ ${t.dossierCode ?? ''}.`);
    }
    return { ok: true, to: t.status === 'called' ? 'serving' : t.status, event: rule.event };
  }

  if (!a.inScope) return { ok: false, refusal: OUT_OF_SCOPE };
  const atCounter = (AT_COUNTER_STATUSES as readonly TicketStatus[]).includes(t.status);
  if (!t.counterId || !atCounter) {
    return refuse(
      409,
      'TICKET_NOT_AT_COUNTER',
      `Số ${t.label} không ở quầy nào lúc này (${TICKET_STATUS_VI[t.status].toLowerCase()}).`,
    );
  }
  if (!counter || counter.id !== t.counterId) return { ok: false, refusal: notFound('quầy này') };
  const off = dutyRefusal(counter, a);
  if (off) return { ok: false, refusal: off };

  switch (cmd.action) {
    case 'recall':
      if (t.status !== 'called')
        return refuse(409, 'TICKET_BEING_SERVED', `Số ${t.label} đang được phục vụ; không cần gọi lại.`);
      break;
    case 'serve':
      if (t.status === 'serving') return { ok: true, to: 'serving', event: null };
      break;
    case 'skip':
      if (t.status === 'serving') {
        return refuse(
          409,
          'TICKET_BEING_SERVED',
          `Số ${t.label} đang được phục vụ; bấm "Hoàn thành" thay vì "Vắng mặt".`,
        );
      }
      break;
    case 'transfer': {
      if (cmd.toCounterId === counter.id)
        return refuse(400, 'SAME_COUNTER', 'Chọn một quầy khác quầy đang phục vụ.');
      const to = cmd.target;
      if (!to || to.id !== cmd.toCounterId || to.agencyId !== t.agencyId || !to.active)
        return { ok: false, refusal: notFound('quầy nhận chuyển trong cơ quan này') };
      break;
    }
    case 'finish':
      break;
  }
  // Every refusal above covers the statuses outside `from`; this guards the table against drift.
  if (!rule.from.includes(t.status)) throw new Error(`unreachable: ${cmd.action} from ${t.status}`);
  return { ok: true, to: rule.to === 'same' ? t.status : rule.to, event: rule.event };
}
