/* global document, sessionStorage, location, history, crypto, fetch, TextEncoder, URL, URLSearchParams, btoa, atob */
/**
 * The development API explorer: GraphiQL (from npm, bundled by build-explorer.mjs) against the
 * gateway's /graphql, with sign-in through the identity service (authorization code + PKCE, the
 * registered development client `mamis-explorer`). The code is exchanged through the gateway's
 * POST /explorer/token (same origin); the access token lives in sessionStorage only.
 */
import { createElement as h, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';

const config = JSON.parse(document.getElementById('explorer-config').textContent);
const TOKEN_KEY = 'mamis-explorer-token';
const PKCE_KEY = 'mamis-explorer-pkce';

const b64url = (bytes) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const claimsOf = (jwt) => {
  try {
    return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
};

function storedToken() {
  try {
    const t = JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? 'null');
    return t && t.expiresAt > Date.now() ? t : null;
  } catch {
    return null;
  }
}

async function signIn() {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(config.authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    redirect_uri: config.redirectUri,
    scope: config.scope,
    code_challenge: b64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
    state,
  }).toString();
  location.assign(url.toString());
}

/** Back from the identity service with ?code=…&state=…: exchange the code (through the gateway). */
async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return null;
  history.replaceState(null, '', location.pathname);
  const pkce = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null');
  sessionStorage.removeItem(PKCE_KEY);
  if (error) throw new Error(`サインインできませんでした / Sign-in failed: ${error}`);
  if (!pkce || pkce.state !== params.get('state'))
    throw new Error('サインインの状態が一致しません / Sign-in state mismatch: try again');
  const res = await fetch('/explorer/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, codeVerifier: pkce.verifier }),
  });
  const body = await res.json();
  if (!res.ok)
    throw new Error(`トークンを取得できませんでした / Token request failed: ${body.error ?? res.status}`);
  const token = { accessToken: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(token));
  return token;
}

function App() {
  const [token, setToken] = useState(storedToken);
  const [problem, setProblem] = useState(null);
  useEffect(() => {
    completeSignIn().then(
      (t) => t && setToken(t),
      (err) => setProblem(err.message),
    );
  }, []);
  const fetcher = useCallback(
    async (params) => {
      const res = await fetch(config.graphqlPath, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token.accessToken}` } : {}),
        },
        body: JSON.stringify(params),
      });
      return res.json();
    },
    [token],
  );
  const claims = token ? claimsOf(token.accessToken) : null;
  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
  };
  const bar = h(
    'header',
    { className: 'explorer-bar' },
    h('strong', null, 'MAMIS API explorer (development)'),
    problem ? h('span', { role: 'alert', className: 'explorer-problem' }, problem) : null,
    token
      ? h(
          'span',
          { className: 'explorer-who', 'data-testid': 'signed-in' },
          `サインイン中 / Signed in: ${claims.kind ?? ''} ${claims.sub ?? ''}`,
          h('button', { type: 'button', onClick: signOut }, 'サインアウト / Sign out'),
        )
      : h(
          'button',
          { type: 'button', onClick: () => void signIn(), 'data-testid': 'sign-in' },
          'デモユーザーでサインイン / Sign in as a demo user',
        ),
  );
  return h(
    'div',
    { className: 'explorer' },
    bar,
    h(GraphiQL, {
      key: token ? token.accessToken : 'anonymous',
      fetcher,
      defaultQuery: config.defaultQuery,
    }),
  );
}

createRoot(document.getElementById('explorer')).render(h(App));
