import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import type { Session } from '../../contract';
import { api } from './api';
import type { LoginResponse, Me } from './types';

interface AuthState {
  user: Me | null;
  loading: boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** Holds the signed-in user (from the session cookie) for the whole app. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  // The session, not `/auth/me`: an anonymous visitor is answered `user: null`, where `/auth/me` answers 401,
  // which the browser logs as an error on every public page.
  const refresh = useCallback(async () => {
    try {
      setUser((await api.get<Session>('/api/v1/auth/session')).user);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(async (username: string, password: string) => {
    const r = await api.post<LoginResponse>('/api/v1/auth/login', { username, password });
    setUser(r.user);
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    await api.post('/api/v1/auth/logout');
    setUser(null);
  }, []);

  return (
    <AuthContext.Provider value={{ user, loading, login, logout, refresh }}>{children}</AuthContext.Provider>
  );
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
