/**
 * What may happen to an appointment (lịch hẹn): `booked → checked_in` at the kiosk on its day, once;
 * `booked → cancelled` by whoever holds its code. Pure: the caller passes the local day.
 */
import type { Refusal } from './tickets';

export type BookingStatus = 'booked' | 'checked_in' | 'cancelled';
export type BookingAction = 'check-in' | 'cancel';

export interface BookingRule {
  from: readonly BookingStatus[];
  to: BookingStatus;
}

/**
 * Refusals: check-in of a cancelled booking BOOKING_CANCELLED, of a used one BOOKING_USED, on another day
 * BOOKING_NOT_TODAY; cancelling a used booking BOOKING_USED (all 409). Cancelling a cancelled booking
 * succeeds and changes nothing.
 */
export const BOOKING_RULES: Readonly<Record<BookingAction, BookingRule>> = {
  'check-in': { from: ['booked'], to: 'checked_in' },
  cancel: { from: ['booked'], to: 'cancelled' },
};

export type BookingDecision =
  | { ok: true; to: BookingStatus; changed: boolean }
  | { ok: false; refusal: Refusal };

const refuse = (code: string, message: string): BookingDecision => ({
  ok: false,
  refusal: { status: 409, code, message },
});

/** `today`: the local day (YYYY-MM-DD) the kiosk checks in on. */
export function decideBooking(
  b: { status: BookingStatus; day: string },
  action: BookingAction,
  today: string,
): BookingDecision {
  if (action === 'check-in') {
    if (b.status === 'cancelled')
      return refuse('BOOKING_CANCELLED', 'Lịch hẹn này đã bị hủy; vui lòng lấy số thường.');
    if (b.status === 'checked_in') {
      return refuse(
        'BOOKING_USED',
        'Lịch hẹn này đã được lấy số rồi; xem số trên phiếu đã in hoặc hỏi cán bộ.',
      );
    }
    if (b.day !== today) {
      return refuse(
        'BOOKING_NOT_TODAY',
        `Lịch hẹn này vào ngày ${b.day.split('-').reverse().join('/')}, không phải hôm nay; vui lòng đến đúng ngày hoặc lấy số thường.`,
      );
    }
    return { ok: true, to: 'checked_in', changed: true };
  }
  if (b.status === 'checked_in')
    return refuse('BOOKING_USED', 'Lịch hẹn đã được lấy số tại quầy; không hủy được nữa.');
  if (b.status === 'cancelled') return { ok: true, to: 'cancelled', changed: false };
  return { ok: true, to: 'cancelled', changed: true };
}
