import { timingSafeEqual } from 'node:crypto';
import Provider, {
  errors,
  interactionPolicy,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import type { Logger } from '@mamis/platform';
import type { AccountService, SubjectClaims } from '../auth/account.service';
import type { ServiceKeys } from '../auth/keys';
import { ALL_RIGHTS, OIDC_SCOPES } from '../auth/rights';
import { sha256 } from '../auth/secret-box';
import type { IdentityConfig } from '../config';
import type { Repositories } from '../repositories';
import type { TermsGateway } from '../terms/terms-gateway';
import { errorPage, logoutPage, messagePage } from '../interaction/pages';
import { createAdapterClass } from './adapter';
import { registerTokenExchange, exchangeActorOf } from './token-exchange.grant';
import { AccessTokenVerifier } from './access-token-verifier';

export interface ProviderDeps {
  issuer: string;
  config: IdentityConfig;
  keys: ServiceKeys;
  repos: Repositories;
  accounts: AccountService;
  terms: TermsGateway;
  log: Logger;
}

const RIGHTS_SCOPE = ALL_RIGHTS.join(' ');

/** Principal `sub` (the grantor, for an assistant's token) and current rights, per issued token. */
const issued = new WeakMap<object, { sub: string; rights: string[] | null }>();

/**
 * The OpenID provider: oidc-provider configured for MAMIS. Access tokens are ES256 JWTs for one
 * audience (the gateway), at most 5 minutes; refresh tokens rotate and a reused one revokes the
 * whole grant; authorization code requires PKCE (S256); no dynamic registration.
 */
export function createOidcProvider(deps: ProviderDeps): {
  provider: Provider;
  verifier: AccessTokenVerifier;
} {
  const { config, keys, repos, accounts, terms, log } = deps;
  const audience = config.GATEWAY_AUDIENCE;
  const { Prompt, Check, base } = interactionPolicy;

  const policy = base();
  // Accounts suspended, ended or revoked since their session began must sign in again (and fail).
  policy.get('login')!.checks.add(
    new Check('account_inactive', 'the account may not sign in', async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId) return Check.NO_NEED_TO_PROMPT;
      return (await accounts.activeAccount(accountId)) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  // Terms of use: at the first sign-in and whenever the version in force is not yet accepted.
  policy.add(
    new Prompt(
      { name: 'terms', requestable: false },
      new Check(
        'terms_not_accepted',
        'the terms of use in force are not accepted',
        async (ctx: KoaContextWithOIDC) => {
          const accountId = ctx.oidc.session?.accountId;
          if (!accountId) return Check.NO_NEED_TO_PROMPT;
          const current = await terms.current();
          if (!current) return Check.NO_NEED_TO_PROMPT;
          return (await terms.accepted(accountId)) === current.version
            ? Check.NO_NEED_TO_PROMPT
            : Check.REQUEST_PROMPT;
        },
      ),
    ),
    1,
  );

  const isMachine = (client: { grantTypes?: readonly string[] } | undefined) =>
    !!client?.grantTypes?.includes('client_credentials');

  const configuration: Configuration = {
    adapter: createAdapterClass(repos),
    jwks: keys.jwks as Configuration['jwks'],
    cookies: {
      keys: keys.cookieKeys,
      names: { session: 'mamis_session', interaction: 'mamis_interaction', resume: 'mamis_resume' },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    scopes: OIDC_SCOPES,
    claims: { openid: ['sub'], profile: ['name'], auth_time: null, sid: null, iss: null },
    clientDefaults: {
      grant_types: ['authorization_code'],
      id_token_signed_response_alg: 'ES256',
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    // machine clients: the secret in Basic or in the body (openid-client's default), both advertised
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post'],
    enabledJWA: {
      idTokenSigningAlgValues: ['ES256'],
      introspectionSigningAlgValues: ['ES256'],
      userinfoSigningAlgValues: ['ES256'],
      authorizationSigningAlgValues: ['ES256'],
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      userinfo: { enabled: false },
      introspection: {
        enabled: true,
        // A public client may only introspect its own tokens.
        allowedPolicy: async (_ctx, client, token) =>
          client.clientAuthMethod !== 'none' || token.clientId === client.clientId,
      },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => {
          if (token.clientId !== client.clientId) {
            if (client.clientAuthMethod === 'none') return false;
            throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
          }
          return true;
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => audience,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx, resource, client) => {
          if (resource !== audience) throw new errors.InvalidTarget('unknown resource indicator');
          let scope = RIGHTS_SCOPE;
          if (isMachine(client)) {
            scope = (await repos.clients.byId(client.clientId))?.scopes.join(' ') ?? '';
            if (ctx.oidc.route === 'token' && ctx.oidc.params?.grant_type === 'client_credentials') {
              const requested = String(ctx.oidc.params.scope ?? '')
                .split(' ')
                .filter(Boolean);
              if (requested.length === 0) throw new errors.InvalidScope('scope is required', '');
              const allowed = new Set(scope.split(' '));
              const denied = requested.filter((s) => !allowed.has(s));
              if (denied.length)
                throw new errors.InvalidScope('requested scope is not allowed', denied.join(' '));
            }
          }
          return {
            scope,
            audience,
            accessTokenTTL: config.ACCESS_TOKEN_TTL_SECONDS,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = messagePage(
            'ログアウトしました',
            'Signed out',
            'ログアウトしました。',
            'You have been signed out.',
          );
        },
      },
    },
    ttl: {
      AccessToken: () => config.ACCESS_TOKEN_TTL_SECONDS,
      ClientCredentials: () => config.ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      IdToken: 300,
      Interaction: 30 * 60,
      Session: config.SESSION_TTL_SECONDS,
      Grant: config.REFRESH_TOKEN_TTL_SECONDS,
      // Rotation keeps the original expiry: a refresh chain lives at most REFRESH_TOKEN_TTL_SECONDS.
      RefreshToken: (ctx) => {
        const rotated = ctx?.oidc?.entities.RotatedRefreshToken;
        return rotated ? Math.max(1, rotated.remainingTTL) : config.REFRESH_TOKEN_TTL_SECONDS;
      },
    },
    rotateRefreshToken: true,
    // First-party frontends get a refresh token without offline_access (which OpenID ties to
    // prompt=consent); it then ends with the browser session (logout, suspension).
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    interactions: { policy, url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const active = await accounts.activeAccount(sub);
      if (!active) return undefined;
      return { accountId: sub, claims: async () => ({ sub, name: active.account.displayName }) };
    },
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind === 'ClientCredentials') return { kind: 'CLIENT' };
      const at = token as unknown as { accountId: string };
      const actor = exchangeActorOf(token);
      const claims: SubjectClaims | null = await accounts.subjectClaims(at.accountId);
      if (!claims) throw new errors.InvalidGrant('account may not act');
      const { sub, rights, ...rest } = claims;
      issued.set(token, { sub, rights });
      if (actor) {
        // Act-on-behalf: the subject is the person; the staff member is the actor and it is their
        // acceptance of the terms that counts for the human using the token.
        const { terms_version: _ignored, ...subject } = rest;
        return {
          ...subject,
          ...(actor.termsVersion ? { terms_version: actor.termsVersion } : {}),
          act: actor.act,
        };
      }
      return rest;
    },
    formats: {
      customizers: {
        jwt: async (_ctx, token, jwt) => {
          const info = issued.get(token);
          if (!info) return;
          if (info.sub !== jwt.payload.sub) jwt.payload.sub = info.sub;
          if (info.rights && typeof jwt.payload.scope === 'string') {
            const kept = jwt.payload.scope.split(' ').filter((s: string) => info.rights!.includes(s));
            jwt.payload.scope = kept.length ? kept.join(' ') : undefined;
          }
        },
      },
    },
    clientBasedCORS: (_ctx, origin, client) =>
      client.redirectUris?.some((uri: string) => {
        try {
          return new URL(uri).origin === origin;
        } catch {
          return false;
        }
      }) ?? false,
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description);
    },
    discovery: {
      service_documentation: undefined,
      ui_locales_supported: ['ja', 'en'],
      claims_locales_supported: undefined,
      display_values_supported: undefined,
      op_policy_uri: undefined,
      op_tos_uri: undefined,
      claim_types_supported: ['normal'],
    },
  };

  const provider = new Provider(deps.issuer, configuration);
  // Host and scheme: server.ts sets Host, X-Forwarded-Host and X-Forwarded-Proto of every request
  // to the issuer's (and drops X-Forwarded-For unless IDENTITY_TRUST_PROXY), so Koa's forwarded
  // headers are always read.
  provider.proxy = true;

  // Client secrets are stored as `sha256:<b64url>` and compared in constant time.
  const ClientClass = (
    provider as unknown as {
      Client: {
        prototype: { compareClientSecret(actual: string): Promise<boolean> | boolean; clientSecret?: string };
      };
    }
  ).Client;
  if (typeof ClientClass?.prototype?.compareClientSecret !== 'function')
    throw new Error('oidc-provider: Client.compareClientSecret not found');
  ClientClass.prototype.compareClientSecret = function compareHashed(
    this: { clientSecret?: string },
    actual: string,
  ) {
    const stored = Buffer.from(this.clientSecret ?? '');
    const given = Buffer.from(`sha256:${sha256(actual)}`);
    return stored.length === given.length && timingSafeEqual(stored, given);
  };

  const verifier = new AccessTokenVerifier(keys.jwks.keys, () => provider.issuer, audience);
  registerTokenExchange(provider, { repos, accounts, verifier, audience, config, log });

  provider.on('server_error', (_ctx: unknown, err: Error) =>
    log.error({ err: err.message, stack: err.stack }, 'oidc server error'),
  );
  provider.on('grant.revoked', (_ctx: unknown, grantId: string) => log.info({ grantId }, 'grant revoked'));
  provider.on(
    'grant.error',
    (ctx: KoaContextWithOIDC, err: Error & { error?: string; error_description?: string }) => {
      log.info(
        {
          client: ctx.oidc?.client?.clientId,
          error: err.error ?? err.message,
          description: err.error_description,
        },
        'grant refused',
      );
    },
  );

  return { provider, verifier };
}
