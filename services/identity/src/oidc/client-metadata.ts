import type { OAuthClientEntity } from '../entities';

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** oidc-provider client metadata for a registered client. */
export function clientMetadata(row: OAuthClientEntity): Record<string, unknown> {
  if (row.kind === 'MACHINE') {
    return {
      client_id: row.clientId,
      client_name: row.name,
      // The stored hash; compared by the patched compareClientSecret (see provider.ts).
      client_secret: row.secretHash,
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      // Machine scopes (society:<id>, analytics:aggregate) are API scopes, not OpenID ones: they
      // are checked against identity.oauth_client when a token is requested (provider.ts).
    };
  }
  return {
    client_id: row.clientId,
    client_name: row.name,
    application_type: 'web',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token', ...(row.tokenExchange ? [TOKEN_EXCHANGE] : [])],
    response_types: ['code'],
    redirect_uris: row.redirectUris,
    post_logout_redirect_uris: row.postLogoutRedirectUris,
  };
}
