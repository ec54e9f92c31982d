/** Where the portal finds the API and the identity service: `/config.json` from the server. */
export interface PortalConfig {
  /** The gateway's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  gatewayUrl: string;
  /** The identity service (OpenID Connect issuer), e.g. http://127.0.0.1:4010. */
  issuer: string;
  /** The portal's public OIDC client id. */
  clientId: string;
}

let loaded: PortalConfig | null = null;

export async function loadConfig(): Promise<PortalConfig> {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`/config.json: ${res.status}`);
  loaded = (await res.json()) as PortalConfig;
  return loaded;
}

/**
 * The gateway's origin (e.g. http://127.0.0.1:4000): where its non-GraphQL routes live, the
 * document links (/documents/…) and the calendar feeds (/calendar/<association>.ics).
 */
export function gatewayOrigin(): string {
  return loaded ? new URL(loaded.gatewayUrl, window.location.href).origin : window.location.origin;
}
