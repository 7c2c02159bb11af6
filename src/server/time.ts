/** The local calendar date (Asia/Ho_Chi_Minh, UTC+7, no DST) of an instant, as YYYY-MM-DD. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
