import { localDateOf } from '../domain/calendar/local';

/** The local calendar date (Asia/Ho_Chi_Minh, UTC+7, no DST) of an instant, as YYYY-MM-DD. */
export function localDate(instant: Date): string {
  return localDateOf(instant);
}
