import type { App } from '../../src/server/app';

export interface Res<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A tiny API client over Fastify's inject, keeping the session cookie like a browser. */
export class Client {
  cookie: string | undefined;
  constructor(readonly app: App) {}

  async call<T = unknown>(method: string, url: string, payload?: unknown): Promise<Res<T>> {
    const r = await this.app.inject({
      method: method as 'GET',
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: this.cookie ? { cookie: this.cookie } : {},
    });
    const set = r.headers['set-cookie'];
    for (const c of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair] = c.split(';');
      if (pair?.startsWith('motcua_session=')) this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = r.body;
    return { status: r.statusCode, body: (text ? JSON.parse(text) : null) as T, headers: r.headers };
  }

  get<T = unknown>(url: string) {
    return this.call<T>('GET', url);
  }
  post<T = unknown>(url: string, body?: unknown) {
    return this.call<T>('POST', url, body ?? {});
  }
  patch<T = unknown>(url: string, body: unknown) {
    return this.call<T>('PATCH', url, body);
  }
  put<T = unknown>(url: string, body: unknown) {
    return this.call<T>('PUT', url, body);
  }

  async login(username: string, password: string): Promise<this> {
    const r = await this.post('/api/v1/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return this;
  }
}

export interface ApiError {
  error: { code: string; message: string; details?: unknown };
}
