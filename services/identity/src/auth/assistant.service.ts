import { randomBytes, randomUUID } from 'node:crypto';
import { Messages } from '@mamis/platform';
import type { AccountEntity } from '../entities';
import { groupsOfScopes, revocationKey, type Repositories } from '../repositories';
import { IdentityError, type AccountService } from './account.service';
import { hashPassword, passwordProblem } from './password';
import { rightsOf } from './rights';
import { sha256 } from './secret-box';

/** How long an assistant's invitation link works. */
const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * Assistants (代理人): a physician or staff member invites an assistant with a subset of their own
 * rights; the assistant sets a password with the one-time invitation token; the grantor (or a JMA
 * system administrator) revokes the grant at once. Grants and revocations are in the audit chain.
 */
export class AssistantService {
  constructor(
    private readonly repos: Repositories,
    private readonly accounts: AccountService,
  ) {}

  async inviteAssistant(
    grantorId: string,
    input: {
      username: string;
      displayName: string;
      email?: string | null;
      scopes: string[];
      expiresAt?: Date | null;
    },
  ): Promise<{
    assistantAccountId: string;
    grantId: string;
    invitationToken: string;
    invitationExpiresAt: Date;
  }> {
    const grantor = await this.accounts.activeAccount(grantorId);
    if (!grantor || grantor.assistant) throw new IdentityError(403, 'forbidden', Messages.ASSISTANT_INVITER);
    const own = rightsOf(grantor.account);
    const scopes = [...new Set(input.scopes)];
    const extra = scopes.filter((s) => !own.includes(s));
    if (scopes.length === 0 || extra.length) {
      throw new IdentityError(400, 'invalid_scope', Messages.ASSISTANT_SCOPES({ notYours: extra.join(' ') }));
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now())
      throw new IdentityError(400, 'invalid_request', Messages.EXPIRES_IN_PAST);
    if (await this.repos.accounts.byUsername(input.username))
      throw new IdentityError(409, 'conflict', Messages.USERNAME_TAKEN);
    const account = await this.repos.accounts.insert({
      username: input.username,
      kind: 'ASSISTANT',
      personId: null,
      associationId: null,
      role: null,
      sysadmin: false,
      displayName: input.displayName,
      email: input.email ?? null,
      passwordHash: null,
      totpSecretSealed: null,
      status: 'INVITED',
    });
    const invitationToken = randomBytes(32).toString('base64url');
    const invitationExpiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    const grantId = randomUUID();
    await this.repos.accounts.insertAssistantGrant({
      id: grantId,
      assistantAccountId: account.id,
      grantorAccountId: grantorId,
      scopes,
      expiresAt: input.expiresAt ?? null,
      revokedAt: null,
      invitationHash: sha256(invitationToken),
      invitationExpiresAt,
    });
    // the grant is a decision over the grantor's data: in the audit chain (and a physician's log)
    await this.repos.audit.append({
      operation: 'assistant_grant:created',
      actor: grantorId,
      actorKind: grantor.account.kind === 'PHYSICIAN' ? 'PHYSICIAN' : 'STAFF',
      actorAssociation: grantor.account.associationId,
      account: account.id,
      personId: grantor.account.kind === 'PHYSICIAN' ? grantor.account.personId : null,
      requestId: grantId,
      groups: groupsOfScopes(scopes),
    });
    return { assistantAccountId: account.id, grantId, invitationToken, invitationExpiresAt };
  }

  /** The invited assistant sets a password with the one-time invitation token. */
  async acceptInvitation(token: string, password: string): Promise<AccountEntity> {
    const grant = await this.repos.accounts.assistantGrantByInvitation(sha256(token));
    if (
      !grant ||
      grant.revokedAt ||
      !grant.invitationExpiresAt ||
      grant.invitationExpiresAt.getTime() <= Date.now()
    ) {
      throw new IdentityError(400, 'invalid_invitation', Messages.INVITATION_INVALID);
    }
    const problem = passwordProblem(password);
    if (problem) throw new IdentityError(400, 'weak_password', Messages.WEAK_PASSWORD({ problem }));
    await this.repos.accounts.setPassword(grant.assistantAccountId, await hashPassword(password));
    await this.repos.accounts.setStatus(grant.assistantAccountId, 'ACTIVE', null, null);
    await this.repos.accounts.updateAssistantGrant(grant.id, {
      invitationHash: null,
      invitationExpiresAt: null,
    });
    return (await this.repos.accounts.byId(grant.assistantAccountId))!;
  }

  async assistantsOf(grantorId: string) {
    const grants = await this.repos.accounts.assistantsOf(grantorId);
    const accounts = new Map(
      (await this.repos.accounts.byIds(grants.map((g) => g.assistantAccountId))).map((a) => [a.id, a]),
    );
    return grants.map((g) => ({
      grantId: g.id,
      assistantAccountId: g.assistantAccountId,
      username: accounts.get(g.assistantAccountId)?.username ?? null,
      displayName: accounts.get(g.assistantAccountId)?.displayName ?? null,
      status: accounts.get(g.assistantAccountId)?.status ?? null,
      scopes: g.scopes,
      expiresAt: g.expiresAt,
      revokedAt: g.revokedAt,
      createdAt: g.createdAt,
    }));
  }

  /** Revoke at once: the grant ends, and every session, grant and refresh token of the assistant goes. */
  async revokeAssistant(actorId: string, grantId: string): Promise<void> {
    const grant = await this.repos.accounts.assistantGrantById(grantId);
    const actor = await this.repos.accounts.byId(actorId);
    if (!grant || !actor || (grant.grantorAccountId !== actorId && !actor.sysadmin)) {
      throw new IdentityError(404, 'not_found', Messages.NO_SUCH_ASSISTANT);
    }
    if (!grant.revokedAt) {
      await this.repos.accounts.updateAssistantGrant(grant.id, {
        revokedAt: new Date(),
        invitationHash: null,
      });
      const grantor =
        grant.grantorAccountId === actor.id ? actor : await this.repos.accounts.byId(grant.grantorAccountId);
      await this.repos.audit.append({
        operation: 'assistant_grant:revoked',
        actor: actor.id,
        actorKind: actor.kind === 'PHYSICIAN' ? 'PHYSICIAN' : 'STAFF',
        actorAssociation: actor.associationId,
        account: grant.assistantAccountId,
        personId: grantor?.kind === 'PHYSICIAN' ? grantor.personId : null,
        requestId: grant.id,
        groups: groupsOfScopes(grant.scopes),
      });
    }
    // the assistant's access tokens are refused from the gateway's next request on
    await this.repos.revocations.revoke(
      [revocationKey.account(grant.assistantAccountId)],
      'assistant revoked',
    );
    await this.repos.oidc.revokeAccount(grant.assistantAccountId);
  }
}
