/**
 * The dossier vocabulary in one place: which DVCQG statuses (status.ts) mean what, the legal working day
 * and Vietnam local time. Server, SQL and web use these names instead of re-typing status numbers.
 */
import type { StatusCode } from './status';

export {
  localDateOf,
  localMidnight,
  MINUTES_PER_WORKING_DAY,
  toLocalIso,
} from '../calendar/local';
export { isDossierCode, parseDossierCode } from './code';

const set = <const T extends readonly StatusCode[]>(codes: T): T => codes;

/** Not ended: submitted (1), accepted (2), in processing (4) or waiting on the applicant (5, 6). */
export const OPEN_STATUSES = set([1, 2, 4, 5, 6]);
/** Accepted and being processed: the legal clock runs (2 at the desk, 4 in the workflow). */
export const IN_PROCESSING = set([2, 4]);
/** The clock is stopped waiting for the applicant: supplements (5) or a financial obligation (6). */
export const PAUSED_STATUSES = set([5, 6]);
/** Ended without a result: refused (3), withdrawn (7), stopped (8). Nothing more is owed. */
export const ENDED_WITHOUT_RESULT = set([3, 7, 8]);
/** Ended by the agency against the applicant: refused at reception (3) or stopped (8). */
export const ENDED_BY_AGENCY = set([3, 8]);
/** No more files may be added: refused (3), withdrawn (7), result returned (10). */
export const CLOSED_TO_FILES = set([3, 7, 10]);

/** Whether a status (a number from the database or the API) belongs to a named set. */
export function statusIn(statuses: readonly StatusCode[], status: number): boolean {
  return (statuses as readonly number[]).includes(status);
}

/** A set as an SQL list literal ("2, 4"), for `sql.raw` in partial indexes and raw queries. */
export function sqlList(statuses: readonly StatusCode[]): string {
  return statuses.join(', ');
}
