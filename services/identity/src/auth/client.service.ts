import { randomBytes } from 'node:crypto';
import type { ClientKind, OAuthClientEntity } from '../entities';
import { revocationKey, type Repositories } from '../repositories';
import { IdentityError } from './account.service';
import { isMachineScope } from './rights';
import { sha256 } from './secret-box';

export interface NewClientInput {
  name: string;
  kind: ClientKind;
  clientId?: string;
  /** MACHINE: `society:<id>` and/or `analytics:aggregate`. */
  scopes?: string[];
  /** PUBLIC: exact redirect URIs. */
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  tokenExchange?: boolean;
  demo?: boolean;
  createdBy?: string | null;
}

export const hashClientSecret = (secret: string) => `sha256:${sha256(secret)}`;

/** OAuth clients registered by JMA administrators. A machine client's secret is returned once. */
export class ClientService {
  constructor(private readonly repos: Repositories) {}

  async register(input: NewClientInput): Promise<{ client: OAuthClientEntity; clientSecret: string | null }> {
    const clientId =
      input.clientId ?? `${input.kind === 'MACHINE' ? 'm' : 'w'}-${randomBytes(9).toString('base64url')}`;
    if (!/^[A-Za-z0-9._-]{3,64}$/.test(clientId))
      throw new IdentityError(400, 'invalid_request', 'clientId: 3–64 of A–Z a–z 0–9 . _ -');
    if (!input.name?.trim()) throw new IdentityError(400, 'invalid_request', 'name is required');
    if (await this.repos.clients.byId(clientId))
      throw new IdentityError(409, 'conflict', 'clientId already registered');
    let clientSecret: string | null = null;
    const scopes = [...new Set(input.scopes ?? [])];
    const redirectUris = input.redirectUris ?? [];
    if (input.kind === 'MACHINE') {
      if (scopes.length === 0 || scopes.some((s) => !isMachineScope(s))) {
        throw new IdentityError(
          400,
          'invalid_scope',
          'machine clients need scopes society:<id> and/or analytics:aggregate',
        );
      }
      clientSecret = randomBytes(32).toString('base64url');
    } else {
      if (redirectUris.length === 0)
        throw new IdentityError(400, 'invalid_request', 'public clients need redirect URIs');
      for (const uri of [...redirectUris, ...(input.postLogoutRedirectUris ?? [])]) {
        let u: URL;
        try {
          u = new URL(uri);
        } catch {
          throw new IdentityError(400, 'invalid_redirect_uri', `not a URL: ${uri}`);
        }
        const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
        if (u.hash || (u.protocol !== 'https:' && !(u.protocol === 'http:' && local))) {
          throw new IdentityError(
            400,
            'invalid_redirect_uri',
            `https (or http on localhost), no fragment: ${uri}`,
          );
        }
      }
    }
    await this.repos.clients.insert({
      clientId,
      name: input.name.trim(),
      kind: input.kind,
      secretHash: clientSecret ? hashClientSecret(clientSecret) : null,
      scopes: input.kind === 'MACHINE' ? scopes : [],
      redirectUris: input.kind === 'PUBLIC' ? redirectUris : [],
      postLogoutRedirectUris: input.kind === 'PUBLIC' ? (input.postLogoutRedirectUris ?? []) : [],
      tokenExchange: input.kind === 'PUBLIC' && (input.tokenExchange ?? false),
      demo: input.demo ?? false,
      createdBy: input.createdBy ?? null,
    });
    return { client: (await this.repos.clients.byId(clientId))!, clientSecret };
  }

  async setDisabled(clientId: string, disabled: boolean): Promise<void> {
    if (!(await this.repos.clients.setDisabled(clientId, disabled)))
      throw new IdentityError(404, 'not_found', 'no such client');
    // the client's access tokens are refused from the gateway's next request on
    if (disabled) await this.repos.revocations.revoke([revocationKey.client(clientId)], 'client disabled');
  }

  list() {
    return this.repos.clients.all();
  }
}
