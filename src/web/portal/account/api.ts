// Types and helpers of the portal's account screens (types from the one contract, src/contract).
import { ApiError } from '../../shared/api';

export type { Account, CodeSent } from '../../../contract';

/** A form's fields with the server's per-field messages (422 and 400 details), or null. */
export function fieldErrors(e: unknown): { name: string; errors: string[] }[] | null {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return null;
  const byField = new Map<string, string[]>();
  for (const d of e.details as { path?: unknown[]; message?: string }[]) {
    const name = String(d.path?.[0] ?? '');
    if (!name || !d.message) continue;
    byField.set(name, [...(byField.get(name) ?? []), d.message]);
  }
  return byField.size > 0 ? [...byField].map(([name, errors]) => ({ name, errors })) : null;
}

export function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

/** Rule for an antd Form.Item from a pure check that returns a message or null. */
export function rule(check: (value: string) => string | null) {
  return {
    validator: (_: unknown, value: string | undefined) => {
      const m = check(value ?? '');
      return m ? Promise.reject(new Error(m)) : Promise.resolve();
    },
  };
}

export const pageStyle = { maxWidth: 440, margin: '8px auto 24px' } as const;

/** Rule for "type the password again": compares with the form's `field` at validation time. */
export function confirmRule(field: string, check: (password: string, confirm: string) => string | null) {
  return ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) =>
    rule((v) => check(String(getFieldValue(field) ?? ''), v));
}
