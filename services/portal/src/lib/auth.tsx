import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { PortalConfig } from './config';
import { SIGN_IN_SCOPE } from './field-groups';

/**
 * Sign-in with the identity service: authorization code + PKCE (oidc-client-ts), the portal being
 * a public client. The access token (≤ 5 min) is renewed with the refresh token; the user lives in
 * sessionStorage (gone with the tab).
 */
export interface TokenClaims {
  sub: string;
  kind?: 'PHYSICIAN' | 'STAFF' | 'ASSISTANT' | 'CLIENT';
  person_id?: string;
  /** Staff: their association and role (CLERK, ADMIN, VIEWER). */
  association_id?: string;
  role?: string;
  scope?: string;
  act?: { sub: string; kind?: string; association_id?: string; reason?: string };
}

export interface Auth {
  user: User | null;
  ready: boolean;
  claims: TokenClaims | null;
  signIn(returnTo?: string): Promise<void>;
  signOut(): Promise<void>;
  completeSignIn(): Promise<string>;
  /** The current access token (renewed when it is about to expire), or null. */
  accessToken(): Promise<string | null>;
  /** Forget the user here (after the API answered 401). */
  forget(): Promise<void>;
  manager: UserManager;
  /** The identity service (its /manage API: assistants). */
  issuer: string;
  /**
   * Staff acting on a member's behalf (RFC 8693 token exchange at identity's /token, terms art.
   * 5.5): the short-lived act-on-behalf token replaces the staff member's own until it expires or
   * `stopActing`. Rejects with identity's error (one generic `invalid_grant` for any refusal).
   */
  actOnBehalf(personId: string, reason: string): Promise<void>;
  stopActing(): void;
  /** True while an act-on-behalf token is in use. */
  acting: boolean;
}

/** The act-on-behalf token, kept in sessionStorage beside the user (gone with the tab). */
const ACTING_KEY = 'mamis.acting';
interface ActingToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}
function readActing(): ActingToken | null {
  try {
    const raw = window.sessionStorage.getItem(ACTING_KEY);
    const t = raw ? (JSON.parse(raw) as ActingToken) : null;
    return t && t.expiresAt > Date.now() + 5_000 ? t : null;
  } catch {
    return null;
  }
}

/** The JWT payload of an access token (display only; the gateway verifies it). */
export function decodeClaims(token: string | undefined): TokenClaims | null {
  if (!token) return null;
  try {
    const part = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      Array.from(atob(part), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    );
    return JSON.parse(json) as TokenClaims;
  } catch {
    return null;
  }
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ config, children }: { config: PortalConfig; children: ReactNode }) {
  const manager = useMemo(
    () =>
      new UserManager({
        authority: config.issuer,
        client_id: config.clientId,
        redirect_uri: `${window.location.origin}/callback`,
        post_logout_redirect_uri: `${window.location.origin}/`,
        response_type: 'code',
        scope: SIGN_IN_SCOPE,
        userStore: new WebStorageStateStore({ store: window.sessionStorage }),
        automaticSilentRenew: false,
        loadUserInfo: false,
      }),
    [config],
  );
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);
  const [acting, setActing] = useState<ActingToken | null>(readActing);
  useEffect(() => {
    let live = true;
    void manager.getUser().then((u) => {
      if (!live) return;
      setUser(u && !u.expired ? u : u?.refresh_token ? u : null);
      setReady(true);
    });
    const onLoaded = (u: User) => setUser(u);
    const onUnloaded = () => setUser(null);
    manager.events.addUserLoaded(onLoaded);
    manager.events.addUserUnloaded(onUnloaded);
    return () => {
      live = false;
      manager.events.removeUserLoaded(onLoaded);
      manager.events.removeUserUnloaded(onUnloaded);
    };
  }, [manager]);

  const value = useMemo<Auth>(
    () => ({
      user,
      ready,
      manager,
      issuer: config.issuer.replace(/\/$/, ''),
      claims: decodeClaims(acting?.accessToken ?? user?.access_token),
      acting: acting !== null,
      actOnBehalf: async (personId, reason) => {
        const body = new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
          client_id: config.clientId,
          subject_token: user?.access_token ?? '',
          subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
          requested_subject: personId,
          reason,
        });
        const res = await fetch(`${config.issuer.replace(/\/$/, '')}/token`, { method: 'POST', body });
        const json = (await res.json().catch(() => ({}))) as {
          access_token?: string;
          expires_in?: number;
          error?: string;
        };
        if (!res.ok || !json.access_token) throw new Error(json.error ?? `token exchange: ${res.status}`);
        const token = {
          accessToken: json.access_token,
          expiresAt: Date.now() + (json.expires_in ?? 300) * 1000,
        };
        window.sessionStorage.setItem(ACTING_KEY, JSON.stringify(token));
        setActing(token);
      },
      stopActing: () => {
        window.sessionStorage.removeItem(ACTING_KEY);
        setActing(null);
      },
      signIn: (returnTo = '/me') => manager.signinRedirect({ state: { returnTo } }),
      signOut: async () => {
        window.sessionStorage.removeItem(ACTING_KEY);
        const idToken = user?.id_token;
        await manager.removeUser();
        if (idToken) await manager.signoutRedirect({ id_token_hint: idToken });
      },
      completeSignIn: async () => {
        const u = await manager.signinRedirectCallback();
        setUser(u);
        const returnTo = (u.state as { returnTo?: string } | undefined)?.returnTo;
        return returnTo && returnTo.startsWith('/') ? returnTo : '/me';
      },
      accessToken: async () => {
        // acting on a member's behalf: that token (no refresh; once expired, back to one's own)
        if (acting) {
          const current = readActing();
          if (current) return current.accessToken;
          window.sessionStorage.removeItem(ACTING_KEY);
          setActing(null);
        }
        let u = await manager.getUser();
        if (!u) return null;
        if ((u.expires_in ?? 0) < 20 && u.refresh_token) {
          try {
            u = await manager.signinSilent();
          } catch {
            await manager.removeUser();
            return null;
          }
        }
        return u?.access_token ?? null;
      },
      forget: () => manager.removeUser(),
    }),
    [manager, user, ready, config.issuer, config.clientId, acting],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
