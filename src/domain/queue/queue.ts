/**
 * Queue turns at the one-stop desk (xếp hàng, gọi số): which waiting ticket a counter calls next, how
 * tickets are numbered and labelled, which appointment slots a desk offers, and the waiting / service
 * time figures. Pure: instants are passed in as epoch milliseconds, no clock, no I/O.
 */

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'transferred';
export type TicketKind = 'walk_in' | 'booked';

export const TICKET_STATUS_VI: Record<TicketStatus, string> = {
  waiting: 'Đang chờ',
  called: 'Đã gọi',
  serving: 'Đang phục vụ',
  done: 'Đã phục vụ xong',
  no_show: 'Vắng mặt',
  transferred: 'Chuyển quầy, đang chờ',
};

/** A ticket still waiting for a counter: `waiting`, or `transferred` to one counter. */
export interface WaitingTicket {
  id: string;
  number: number;
  fieldCode: string;
  priority: boolean;
  kind: TicketKind;
  status: 'waiting' | 'transferred';
  /** For a transferred ticket: the counter it waits for. */
  counterId: string | null;
  /** A booked ticket's appointment instant (ms), else null. */
  appointmentAt: number | null;
  /** When it was issued (ms); for a transferred ticket the order among transfers is its transfer time. */
  issuedAt: number;
  transferredAt: number | null;
}

export interface CounterFields {
  id: string;
  /** Fields this counter serves; empty: every field. */
  fieldCodes: readonly string[];
}

/** Whether `counter` may call `t`: a transfer only by its target counter, otherwise by field. */
export function canServe(counter: CounterFields, t: WaitingTicket): boolean {
  if (t.status === 'transferred') return t.counterId === counter.id;
  return counter.fieldCodes.length === 0 || counter.fieldCodes.includes(t.fieldCode);
}

/**
 * How many counters are open now for a field: open (an officer on duty) and serving the field (a counter listing
 * no field serves every field). Zero means a ticket of that field waits until a counter opens: the kiosk says so
 * instead of promising a turn.
 */
export function openCountersFor(
  counters: readonly { state: 'open' | 'closed'; fieldCodes: readonly string[] }[],
  fieldCode: string,
): number {
  return counters.filter(
    (c) => c.state === 'open' && (c.fieldCodes.length === 0 || c.fieldCodes.includes(fieldCode)),
  ).length;
}

/**
 * The rank of a waiting ticket at `now` (lower is called first):
 * 0 — transferred to this counter (already waited once, already at the counter's door);
 * 1 — priority (ưu tiên: the elderly, people with disabilities, pregnant women, veterans…);
 * 2 — booked appointment whose time has come;
 * 3 — everyone else, first come first served (a booked citizen early for the slot waits like a walk-in).
 */
export function rankOf(t: WaitingTicket, now: number): number {
  if (t.status === 'transferred') return 0;
  if (t.priority) return 1;
  if (t.kind === 'booked' && t.appointmentAt !== null && t.appointmentAt <= now) return 2;
  return 3;
}

/** Call order between two tickets a counter may call. */
export function compareForCall(a: WaitingTicket, b: WaitingTicket, now: number): number {
  const ra = rankOf(a, now);
  const rb = rankOf(b, now);
  if (ra !== rb) return ra - rb;
  if (ra === 0)
    return (a.transferredAt ?? a.issuedAt) - (b.transferredAt ?? b.issuedAt) || a.number - b.number;
  if (ra === 2) return (a.appointmentAt as number) - (b.appointmentAt as number) || a.number - b.number;
  return a.number - b.number;
}

/** The tickets `counter` may call, in the order it calls them. */
export function callQueue(
  counter: CounterFields,
  waiting: readonly WaitingTicket[],
  now: number,
): WaitingTicket[] {
  return waiting.filter((t) => canServe(counter, t)).sort((a, b) => compareForCall(a, b, now));
}

/** The ticket `counter` calls next, or null when nobody it serves is waiting. */
export function pickNext(
  counter: CounterFields,
  waiting: readonly WaitingTicket[],
  now: number,
): WaitingTicket | null {
  return callQueue(counter, waiting, now)[0] ?? null;
}

/**
 * How many people are ahead of `t` in its field: the waiting tickets of the same field a counter
 * serving that field would call before it (transfers to a counter are not counted: they wait elsewhere).
 */
export function peopleAhead(t: WaitingTicket, waiting: readonly WaitingTicket[], now: number): number {
  if (t.status === 'transferred') {
    return waiting.filter(
      (o) => o.status === 'transferred' && o.counterId === t.counterId && compareForCall(o, t, now) < 0,
    ).length;
  }
  return waiting.filter(
    (o) =>
      o.id !== t.id && o.status === 'waiting' && o.fieldCode === t.fieldCode && compareForCall(o, t, now) < 0,
  ).length;
}

// ─── Numbering ───────────────────────────────────────────────────────────────────────────────

/**
 * Ticket numbers: ONE sequence per agency per local day, starting at 1, shared by every field and by
 * priority and booked tickets, so a number is never given twice in a day and the board's "Mời số 105"
 * is unambiguous. The label is the number on at least three digits ("007", "105", "1234").
 */
export function ticketLabel(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`ticket number must be a positive integer: ${n}`);
  return String(n).padStart(3, '0');
}

/** What the board says: "Mời số 105 đến quầy số 2" (the number as spoken, without leading zeros). */
export function announcement(number: number, counterNumber: number): string {
  return `Mời số ${number} đến quầy số ${counterNumber}`;
}

// ─── Appointment slots ───────────────────────────────────────────────────────────────────────

/** Length of a booking slot, in minutes. */
export const SLOT_MINUTES = 30;

export interface SlotCounter {
  fieldCodes: readonly string[];
  /** Appointments per slot this counter takes (0: none). */
  appointmentCapacity: number;
  /** The counter's hours as minutes after local midnight; null: the agency's office hours. */
  sessions: readonly { start: number; end: number }[] | null;
  active: boolean;
}

export interface Slot {
  /** Minutes after local midnight. */
  start: number;
  end: number;
  capacity: number;
}

/**
 * The appointment slots a desk offers for `fieldCode` on one day: none on a day off (holidays,
 * weekends, as the working calendar says); otherwise every whole SLOT_MINUTES slot inside a counter's
 * hours (its own, else the agency's), with the summed capacity of the active counters serving the field.
 */
export function slotsForDay(opts: {
  working: boolean;
  fieldCode: string;
  agencySessions: readonly { start: number; end: number }[];
  counters: readonly SlotCounter[];
}): Slot[] {
  if (!opts.working) return [];
  const byStart = new Map<number, number>();
  for (const c of opts.counters) {
    if (!c.active || c.appointmentCapacity <= 0) continue;
    if (c.fieldCodes.length > 0 && !c.fieldCodes.includes(opts.fieldCode)) continue;
    for (const s of c.sessions ?? opts.agencySessions) {
      for (let m = s.start; m + SLOT_MINUTES <= s.end; m += SLOT_MINUTES) {
        byStart.set(m, (byStart.get(m) ?? 0) + c.appointmentCapacity);
      }
    }
  }
  return [...byStart.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([start, capacity]) => ({ start, end: start + SLOT_MINUTES, capacity }));
}

/** Booking codes: 8 characters without look-alikes (0/O, 1/I/L), prefixed so a scanner's input is recognisable. */
export const BOOKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const BOOKING_CODE_RE = /^LH-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;

/** A typed or scanned booking code, upper-cased, with the prefix added when missing; null if malformed. */
export function normalizeBookingCode(raw: string): string | null {
  const s = raw.trim().toUpperCase().replace(/\s+/g, '');
  const withPrefix = s.startsWith('LH-') ? s : `LH-${s.replace(/^LH/, '')}`;
  return BOOKING_CODE_RE.test(withPrefix) ? withPrefix : null;
}

// ─── Statistics ──────────────────────────────────────────────────────────────────────────────

export interface TicketFacts {
  day: string;
  fieldCode: string;
  counterId: string | null;
  status: TicketStatus;
  priority: boolean;
  kind: TicketKind;
  issuedAt: number;
  calledAt: number | null;
  servingAt: number | null;
  endedAt: number | null;
}

export interface Figures {
  tickets: number;
  served: number;
  noShows: number;
  waiting: number;
  /** Mean minutes from issue to first call, over called tickets (null when none). */
  avgWaitMinutes: number | null;
  maxWaitMinutes: number | null;
  /** Mean minutes from the start of service (or the call) to its end, over served tickets. */
  avgServiceMinutes: number | null;
}

const OFFSET_MS = 7 * 3_600_000;

/** Local hour (0–23, Asia/Ho_Chi_Minh) of an instant. */
export function localHourOf(ms: number): number {
  return new Date(ms + OFFSET_MS).getUTCHours();
}

function figures(ts: readonly TicketFacts[]): Figures {
  const waits = ts
    .filter((t) => t.calledAt !== null)
    .map((t) => ((t.calledAt as number) - t.issuedAt) / 60_000);
  const services = ts
    .filter((t) => t.status === 'done' && t.endedAt !== null)
    .map((t) => ((t.endedAt as number) - (t.servingAt ?? t.calledAt ?? t.endedAt!)) / 60_000);
  const mean = (xs: number[]) =>
    xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;
  return {
    tickets: ts.length,
    served: ts.filter((t) => t.status === 'done').length,
    noShows: ts.filter((t) => t.status === 'no_show').length,
    waiting: ts.filter((t) => t.status === 'waiting' || t.status === 'transferred').length,
    avgWaitMinutes: mean(waits),
    maxWaitMinutes: waits.length ? Math.round(Math.max(...waits) * 10) / 10 : null,
    avgServiceMinutes: mean(services),
  };
}

function groupBy<K>(ts: readonly TicketFacts[], key: (t: TicketFacts) => K): Map<K, TicketFacts[]> {
  const m = new Map<K, TicketFacts[]>();
  for (const t of ts) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return m;
}

export interface QueueStats {
  total: Figures;
  byField: ({ fieldCode: string } & Figures)[];
  /** Counted on the counter that last held the ticket (the serving one); unserved tickets have none. */
  byCounter: ({ counterId: string } & Figures)[];
  /** By the local hour the ticket was issued. */
  byHour: ({ hour: number } & Figures)[];
  byDay: ({ day: string } & Figures)[];
}

/** Waiting and service times, tickets and no-shows, by field, counter, hour of issue and day. */
export function queueStats(ts: readonly TicketFacts[]): QueueStats {
  const sortBy = <T>(xs: T[], f: (x: T) => string | number) =>
    xs.sort((a, b) => (f(a) < f(b) ? -1 : f(a) > f(b) ? 1 : 0));
  return {
    total: figures(ts),
    byField: sortBy(
      [...groupBy(ts, (t) => t.fieldCode)].map(([fieldCode, g]) => ({ fieldCode, ...figures(g) })),
      (x) => x.fieldCode,
    ),
    byCounter: sortBy(
      [
        ...groupBy(
          ts.filter((t) => t.counterId !== null),
          (t) => t.counterId as string,
        ),
      ].map(([counterId, g]) => ({ counterId, ...figures(g) })),
      (x) => x.counterId,
    ),
    byHour: sortBy(
      [...groupBy(ts, (t) => localHourOf(t.issuedAt))].map(([hour, g]) => ({ hour, ...figures(g) })),
      (x) => x.hour,
    ),
    byDay: sortBy(
      [...groupBy(ts, (t) => t.day)].map(([day, g]) => ({ day, ...figures(g) })),
      (x) => x.day,
    ),
  };
}
