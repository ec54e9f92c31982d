import { randomBytes } from 'node:crypto';
import { Messages } from '@mamis/platform';
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
      throw new IdentityError(400, 'invalid_request', Messages.CLIENT_ID_FORMAT);
    if (!input.name?.trim()) throw new IdentityError(400, 'invalid_request', Messages.CLIENT_NAME_REQUIRED);
    if (await this.repos.clients.byId(clientId))
      throw new IdentityError(409, 'conflict', Messages.CLIENT_ID_TAKEN);
    let clientSecret: string | null = null;
    const scopes = [...new Set(input.scopes ?? [])];
    const redirectUris = input.redirectUris ?? [];
    if (input.kind === 'MACHINE') {
      if (scopes.length === 0 || scopes.some((s) => !isMachineScope(s))) {
        throw new IdentityError(400, 'invalid_scope', Messages.MACHINE_CLIENT_SCOPES);
      }
      clientSecret = randomBytes(32).toString('base64url');
    } else {
      if (redirectUris.length === 0)
        throw new IdentityError(400, 'invalid_request', Messages.PUBLIC_CLIENT_REDIRECTS);
      for (const uri of [...redirectUris, ...(input.postLogoutRedirectUris ?? [])]) {
        let u: URL;
        try {
          u = new URL(uri);
        } catch {
          throw new IdentityError(400, 'invalid_redirect_uri', Messages.REDIRECT_NOT_URL({ uri }));
        }
        const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
        if (u.hash || (u.protocol !== 'https:' && !(u.protocol === 'http:' && local))) {
          throw new IdentityError(400, 'invalid_redirect_uri', Messages.REDIRECT_NOT_HTTPS({ uri }));
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
    await this.repos.audit.append({
      operation: 'client:registered',
      actor: input.createdBy ?? null,
      actorKind: input.createdBy ? 'STAFF' : 'SYSTEM',
      account: `client:${clientId}`,
      personId: null,
      groups: [],
    });
    return { client: (await this.repos.clients.byId(clientId))!, clientSecret };
  }

  /** Disable (its tokens stop at the gateway's next request) or enable a client; audited. */
  async setDisabled(
    clientId: string,
    disabled: boolean,
    by: { id: string; associationId: string | null } | null = null,
  ): Promise<void> {
    if (!(await this.repos.clients.setDisabled(clientId, disabled)))
      throw new IdentityError(404, 'not_found', Messages.NO_SUCH_CLIENT);
    // the client's access tokens are refused from the gateway's next request on
    if (disabled) await this.repos.revocations.revoke([revocationKey.client(clientId)], 'client disabled');
    await this.repos.audit.append({
      operation: disabled ? 'client:disabled' : 'client:enabled',
      actor: by?.id ?? null,
      actorKind: by ? 'STAFF' : 'SYSTEM',
      actorAssociation: by?.associationId ?? null,
      account: `client:${clientId}`,
      personId: null,
      groups: [],
    });
  }

  list() {
    return this.repos.clients.all();
  }
}
