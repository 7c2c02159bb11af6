import type { FastifyRequest } from 'fastify';

/**
 * Personal data never reaches the access log (Decree 13/2023/NĐ-CP, Law 91/2025/QH15 on personal data
 * protection). No route carries a citizen ID number or a phone number in its path any more, but a URL is
 * whatever a client sends, and staff searches (`?q=`) hold names and numbers; so the logger masks, in every
 * URL it prints and in every error it prints:
 * - the whole value of a query parameter that is free text or a personal identifier (`q`, `phone`, …);
 * - any run of 9 or more digits (a 9- or 12-digit ID number, a phone number, a bank account);
 * - a Vietnamese phone number written with spaces or dots (`0909 123 456`, `+84 909.123.456`);
 * - an e-mail address.
 * Dossier codes (`000.01.30.H29-261123-0001`), dates and UUIDs keep their shape: an operator can still follow
 * a request.
 */
export const MASK = '***';

/** Query parameters whose whole value is withheld: free-text searches and personal identifiers. */
// (Not `to`: the statistics' date ranges use it; the development sink's `to=<phone>` is masked as a number.)
const WITHHELD = /^(q|query|search|keyword|phone|email|idnumber|cccd|cmnd|name|fullname)$/i;

/** A separator a person types inside a number: space (raw, `+` or `%20`) or a dot. */
const SEP = '(?:%20|[ .+])';
const PHONE = new RegExp(`(?<![0-9A-Za-z])(?:(?:\\+|%2B)?84|0)(?:${SEP}?\\d){9}(?![0-9A-Za-z])`, 'gi');
const LONG_DIGITS = /\d{9,}/g;
const EMAIL = /[^\s/?&=:;,@]+(?:@|%40)[^\s/?&=:;,@]+\.[^\s/?&=:;,@]+/gi;

/** `text` with ID numbers, phone numbers and e-mail addresses replaced by `***`. */
export function maskPersonalData(text: string): string {
  return text.replace(EMAIL, MASK).replace(PHONE, MASK).replace(LONG_DIGITS, MASK);
}

/** A request URL as it may be logged: withheld query values and every personal number masked. */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return maskPersonalData(url);
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name);
      } catch {}
      return WITHHELD.test(name) ? `${pair.slice(0, eq)}=${MASK}` : pair;
    })
    .join('&');
  return maskPersonalData(`${url.slice(0, q)}?${query}`);
}

/** Fastify's request serializer, with the URL made loggable. */
export function requestSerializer(req: FastifyRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: loggableUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

type SerializedError = { type: string; message: string; stack: string; [key: string]: unknown };

/**
 * The error serializer (pino's fields: type, message, stack, the error's own properties, its cause), with every
 * string masked: a failed query's error carries its SQL parameters, among them an ID number looked up.
 */
export function errorSerializer(err: Error): SerializedError {
  return serializeError(err, 0);
}

function serializeError(err: Error, depth: number): SerializedError {
  const out: SerializedError = {
    type: err.constructor?.name ?? 'Error',
    message: maskPersonalData(String(err.message)),
    stack: maskPersonalData(String(err.stack ?? '')),
  };
  for (const [k, v] of Object.entries(err)) {
    if (!(k in out)) out[k] = maskDeep(v, depth + 1);
  }
  if (err.cause !== undefined && !('cause' in out)) out.cause = maskDeep(err.cause, depth + 1);
  return out;
}

function maskDeep(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return maskPersonalData(v);
  if (v === null || typeof v !== 'object') return v;
  if (depth > 5) return '[…]';
  if (v instanceof Error) return serializeError(v, depth);
  if (Array.isArray(v)) return v.map((x) => maskDeep(x, depth + 1));
  if (v instanceof Date || Buffer.isBuffer(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskDeep(x, depth + 1)]));
}
