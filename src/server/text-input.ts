import { AppError } from './errors';

/**
 * One rule for every text a client sends (issue 16): a character PostgreSQL cannot store — U+0000 (NUL), in
 * `text` and `jsonb` alike — is refused with 400 VALIDATION_ERROR naming the field, before any route runs,
 * instead of failing the statement with a 500. Lone UTF-16 surrogates, which no UTF-8 text can hold, likewise.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL character is what this rule looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (or object key) in `value` holding an unstorable character, or null. */
export function unstorablePath(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = unstorablePath(value[i], [...path, String(i)], depth + 1);
      if (p) return p;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (UNSTORABLE.test(k)) return [...path, k.replace(UNSTORABLE, '\uFFFD')];
    const p = unstorablePath(v, [...path, k], depth + 1);
    if (p) return p;
  }
  return null;
}

export function hasUnstorable(text: string): boolean {
  return UNSTORABLE.test(text);
}

/** Throws 400 VALIDATION_ERROR when a part of the request holds an unstorable character. */
export function refuseUnstorable(parts: { in: 'body' | 'querystring' | 'params'; value: unknown }[]): void {
  for (const part of parts) {
    const path = unstorablePath(part.value);
    if (!path) continue;
    const field = path.length > 0 ? ` (${path.join('.')})` : '';
    const message = 'Không được chứa ký tự điều khiển NUL (U+0000) hay ký tự Unicode không hợp lệ.';
    throw new AppError(400, 'VALIDATION_ERROR', `Dữ liệu gửi lên không hợp lệ${field}: ${message}`, [
      { in: part.in, path, message },
    ]);
  }
}

/**
 * The name an uploaded file is stored under: the client's file name with control characters and anything
 * unstorable replaced by "_", at most 200 characters; "tep" when nothing is left.
 */
export function storedFileName(raw: string | undefined): string {
  const clean = (raw ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
    .replace(/[\u0000-\u001F\u007F]/g, '_')
    .replace(new RegExp(UNSTORABLE.source, 'g'), '_');
  return clean.trim().slice(0, 200) || 'tep';
}
