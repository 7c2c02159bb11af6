/**
 * Whether an error means the database cannot be reached right now — a failover, a restart, a terminated
 * backend, a network cut — rather than a fault of the request or of the code. Such a request is answered
 * 503 DATABASE_UNAVAILABLE (it may be retried); the next request opens a new connection.
 *
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (admin / crash shutdown, cannot connect now) and 53300
 * (too many connections); node-postgres's own messages for a connection that ended; the socket's error codes.
 * Drizzle wraps driver errors: the whole `cause` chain is looked at.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const MESSAGES = [
  /^Connection terminated/,
  /Client has encountered a connection error and is not queryable/,
  /timeout exceeded when trying to connect/,
  /Client was closed and is not queryable/,
];

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e !== 'object') return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('08') || SQLSTATES.has(code) || SOCKET_CODES.has(code)))
      return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
  }
  return false;
}
