import { useEffect, useState } from 'react';
import { ApiError, api } from './api';

export interface Fetched<T> {
  /** The answer to the latest request; null while it is on its way (or after an error). */
  data: T | null;
  /** The server's (or the network's) Vietnamese message when the latest request failed. */
  error: string | null;
}

/**
 * GET `url`, again whenever `url` (or `again`) changes; `null` asks nothing. Only the answer to the latest request
 * is kept: a slower answer to an earlier search, filter or tab never replaces the one the user asked for last
 * (a race seen in the browser tests, issue 26).
 */
export function useFetched<T>(url: string | null, again?: unknown): Fetched<T> {
  const [state, setState] = useState<Fetched<T>>({ data: null, error: null });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `again` asks for the same URL once more
  useEffect(() => {
    setState({ data: null, error: null });
    if (url === null) return;
    let latest = true;
    api.get<T>(url).then(
      (data) => {
        if (latest) setState({ data, error: null });
      },
      (e: unknown) => {
        if (latest) setState({ data: null, error: e instanceof ApiError ? e.message : String(e) });
      },
    );
    return () => {
      latest = false;
    };
  }, [url, again]);
  return state;
}
