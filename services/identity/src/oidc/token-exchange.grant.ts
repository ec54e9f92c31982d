import type Provider from 'oidc-provider';
import { errors, type TokenEndpointGrantContext } from 'oidc-provider';
import { isUuid, type Logger } from '@mamis/platform';
import type { AccountService } from '../auth/account.service';
import type { IdentityConfig } from '../config';
import { groupsOfScopes, type Repositories } from '../repositories';
import { TokenVerificationError, type AccessTokenVerifier } from './access-token-verifier';
import { TOKEN_EXCHANGE } from './client-metadata';

export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

/** Staff roles that may act on a member's behalf (VIEWER may only read). */
const ACTING_ROLES = new Set(['ADMIN', 'CLERK']);

export interface ExchangeActor {
  act: { sub: string; kind: 'STAFF'; association_id: string; role: string; reason: string };
  termsVersion: string | null;
}

const actors = new WeakMap<object, ExchangeActor>();
export const exchangeActorOf = (token: object): ExchangeActor | undefined => actors.get(token);

interface Deps {
  repos: Repositories;
  accounts: AccountService;
  verifier: AccessTokenVerifier;
  audience: string;
  config: IdentityConfig;
  log: Logger;
}

interface ExchangeParams {
  subject_token?: string;
  subject_token_type?: string;
  requested_token_type?: string;
  requested_subject?: string;
  reason?: string;
  scope?: string;
  resource?: string;
  audience?: string;
}

/**
 * Act-on-behalf (terms art. 5.5) as RFC 8693 token exchange:
 *   grant_type=urn:ietf:params:oauth:grant-type:token-exchange
 *   subject_token=<the staff member's access token>  subject_token_type=…:access_token
 *   requested_subject=<person id>  reason=<why>  [scope=…]
 * Issued: an access token whose `sub` is the person's account and whose `act` is the staff member
 * (no refresh token). Only ADMIN/CLERK staff of an association the person is currently a member of.
 * Nonexistent persons and non-members get the same answer.
 */
export function registerTokenExchange(provider: Provider, deps: Deps): void {
  const { repos, accounts, verifier, audience, config, log } = deps;
  const P = provider as unknown as {
    AccessToken: new (init: Record<string, unknown>) => {
      resourceServer: unknown;
      scope?: string;
      expiration: number;
      tokenType: string;
      jti: string;
      save(): Promise<string>;
    };
    ResourceServer: new (identifier: string, info: Record<string, unknown>) => unknown;
  };

  const handler = async (ctx: TokenEndpointGrantContext<ExchangeParams>) => {
    const params = ctx.oidc.params as ExchangeParams;
    if (!params.subject_token) throw new errors.InvalidRequest('missing required parameter subject_token');
    if (params.subject_token_type !== ACCESS_TOKEN_TYPE)
      throw new errors.InvalidRequest(`subject_token_type must be ${ACCESS_TOKEN_TYPE}`);
    if (params.requested_token_type && params.requested_token_type !== ACCESS_TOKEN_TYPE) {
      throw new errors.InvalidRequest(`requested_token_type must be ${ACCESS_TOKEN_TYPE}`);
    }
    if (
      (params.resource && params.resource !== audience) ||
      (params.audience && params.audience !== audience)
    ) {
      throw new errors.InvalidTarget('only the gateway audience is supported');
    }
    const reason = (params.reason ?? '').trim();
    if (!reason || reason.length > 500)
      throw new errors.InvalidRequest('reason is required (at most 500 characters)');
    const personId = params.requested_subject ?? '';
    if (!isUuid(personId)) throw new errors.InvalidRequest('requested_subject must be a person id');

    let subjectClaims;
    try {
      subjectClaims = verifier.verify(params.subject_token);
    } catch (err) {
      throw new errors.InvalidGrant(
        `subject_token invalid (${err instanceof TokenVerificationError ? err.message : 'unverifiable'})`,
      );
    }
    if (subjectClaims.client_id !== ctx.oidc.client!.clientId)
      throw new errors.InvalidGrant('subject_token was issued to another client');
    if (subjectClaims.act) throw new errors.InvalidGrant('a delegated token cannot be exchanged again');

    // The actor as it is now (not as the token says): active staff with a role that may act.
    const staff = await accounts.activeAccount(subjectClaims.sub);
    const actor = staff?.account;
    if (
      !actor ||
      staff?.assistant ||
      actor.kind !== 'STAFF' ||
      !actor.associationId ||
      !actor.role ||
      !ACTING_ROLES.has(actor.role)
    ) {
      throw new errors.InvalidGrant('the subject_token does not belong to staff allowed to act on behalf');
    }

    const refused = () =>
      new errors.InvalidGrant(
        'not permitted to act for this person (not a current member of your association)',
      );
    const physician = await repos.accounts.physicianOf(personId);
    const subject = physician ? await accounts.activeAccount(physician.id) : null;
    if (!physician || !subject) throw refused();
    if (!(await repos.membership.isActiveMember(personId, actor.associationId))) throw refused();

    const subjectRights = (await accounts.subjectClaims(physician.id))?.rights ?? [];
    const actorScopes = (subjectClaims.scope ?? '').split(' ').filter(Boolean);
    const requested = params.scope ? params.scope.split(' ').filter(Boolean) : actorScopes;
    const notAllowed = requested.filter((s) => !actorScopes.includes(s) || !subjectRights.includes(s));
    if (notAllowed.length)
      throw new errors.InvalidScope('requested scope is not allowed', notAllowed.join(' '));

    const at = new P.AccessToken({
      accountId: physician.id,
      client: ctx.oidc.client,
      gty: 'token_exchange',
      scope: requested.join(' ') || undefined,
    });
    at.resourceServer = new P.ResourceServer(audience, {
      scope: requested.join(' '),
      audience,
      accessTokenTTL: config.ACCESS_TOKEN_TTL_SECONDS,
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: 'ES256' } },
    });
    actors.set(at, {
      act: { sub: actor.id, kind: 'STAFF', association_id: actor.associationId, role: actor.role, reason },
      termsVersion: (await accounts.subjectClaims(actor.id))?.terms_version ?? null,
    });
    (ctx.oidc as unknown as { entity(name: string, v: unknown): void }).entity('AccessToken', at);
    const value = await at.save();
    // in the audit chain before the token is handed out (fail closed): it shows in the person's log
    await repos.audit.append({
      operation: 'act_on_behalf:token_issued',
      actor: actor.id,
      actorKind: 'STAFF',
      actorAssociation: actor.associationId,
      account: physician.id,
      personId,
      requestId: at.jti,
      groups: groupsOfScopes(requested),
    });
    log.info(
      {
        audit: 'act_on_behalf',
        actor: actor.id,
        association: actor.associationId,
        person: personId,
        subject: physician.id,
        reason,
        jti: at.jti,
      },
      'act-on-behalf token issued',
    );
    ctx.body = {
      access_token: value,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: at.tokenType,
      expires_in: at.expiration,
      ...(at.scope ? { scope: at.scope } : {}),
    };
  };

  provider.registerGrantType(TOKEN_EXCHANGE, handler, [
    'subject_token',
    'subject_token_type',
    'requested_token_type',
    'requested_subject',
    'reason',
    'scope',
    'resource',
    'audience',
  ]);
}
