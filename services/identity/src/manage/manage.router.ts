import type http from 'node:http';
import { isUuid, type Logger, Messages } from '@mamis/platform';
import { IdentityError, type AccountService } from '../auth/account.service';
import type { AssistantService } from '../auth/assistant.service';
import type { ClientService } from '../auth/client.service';
import { eligible, type LifecycleService } from '../auth/lifecycle.service';
import { randomPassword } from '../auth/password';
import type { StaffService } from '../auth/staff.service';
import type { AccountEntity } from '../entities';
import { BodyTooLarge, readBody, sendJson } from '../interaction/http-util';
import {
  TokenVerificationError,
  type AccessTokenVerifier,
  type AccessTokenClaims,
} from '../oidc/access-token-verifier';

export interface ManageDeps {
  accounts: AccountService;
  assistants: AssistantService;
  lifecycle: LifecycleService;
  clients: ClientService;
  /** Office administration (職員管理) by an association's ADMIN. */
  staff: StaffService;
  verifier: AccessTokenVerifier;
  log: Logger;
  /** Base URL of this service (for invitation links). */
  issuer: () => string;
}

const unauthorized = (res: http.ServerResponse, description: string) =>
  sendJson(
    res,
    401,
    { error: 'invalid_token', error_description: description },
    {
      'www-authenticate': `Bearer realm="mamis-identity", error="invalid_token", error_description="${description.replace(/"/g, "'")}"`,
    },
  );

const publicAccount = (a: AccountEntity) => ({
  id: a.id,
  username: a.username,
  kind: a.kind,
  personId: a.personId,
  associationId: a.associationId,
  role: a.role,
  sysadmin: a.sysadmin,
  displayName: a.displayName,
  status: a.status,
  statusReason: a.statusReason,
  statusCause: a.statusCause,
  totpEnabled: a.totpSecretSealed !== null,
});

const str = (v: unknown, field: string, max = 200): string => {
  if (typeof v !== 'string' || !v.trim() || v.length > max)
    throw new IdentityError(400, 'invalid_request', Messages.FIELD_STRING_REQUIRED({ field, max }));
  return v.trim();
};
const strList = (v: unknown, field: string): string[] => {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
    throw new IdentityError(400, 'invalid_request', Messages.FIELD_STRING_ARRAY({ field }));
  return v as string[];
};

/**
 * /manage/* — a small JSON API authenticated with MAMIS access tokens (Bearer, audience = the
 * gateway; delegated tokens — assistants, act-on-behalf — are refused): assistants, account status
 * (suspension), account and client registration.
 */
export function createManageRouter(deps: ManageDeps) {
  const { accounts, assistants, clients, verifier, log } = deps;

  async function authenticate(
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<{ actor: AccountEntity; claims: AccessTokenClaims } | null> {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
    if (!m) {
      res.writeHead(401, {
        'content-type': 'application/json; charset=utf-8',
        'www-authenticate': 'Bearer realm="mamis-identity"',
      });
      res.end(JSON.stringify({ error: 'invalid_request', error_description: 'bearer token required' }));
      return null;
    }
    let claims: AccessTokenClaims;
    try {
      claims = verifier.verify(m[1]!);
    } catch (err) {
      unauthorized(res, err instanceof TokenVerificationError ? err.message : 'invalid token');
      return null;
    }
    if (claims.act) {
      sendJson(res, 403, {
        error: 'insufficient_scope',
        error_description: 'delegated tokens cannot manage accounts',
      });
      return null;
    }
    const active = claims.kind === 'CLIENT' ? null : await accounts.activeAccount(claims.sub);
    if (!active || active.assistant) {
      unauthorized(res, 'account not active');
      return null;
    }
    return { actor: active.account, claims };
  }

  async function json(req: http.IncomingMessage): Promise<Record<string, unknown>> {
    const raw = await readBody(req, 64 * 1024);
    if (!raw) return {};
    try {
      const v = JSON.parse(raw);
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
      return v as Record<string, unknown>;
    } catch {
      throw new IdentityError(400, 'invalid_request', Messages.BODY_JSON_OBJECT);
    }
  }

  /** A staff account as the office administrator sees it after a change. */
  const staffView = (a: AccountEntity) => ({
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    status: a.status,
    secondFactorEnrolled: a.totpSecretSealed !== null,
  });

  const requireSysadmin = (actor: AccountEntity) => {
    if (!actor.sysadmin) throw new IdentityError(403, 'forbidden', Messages.SYSADMIN_ONLY);
  };

  async function route(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    auth: { actor: AccountEntity },
  ) {
    const { actor } = auth;
    const method = req.method ?? 'GET';
    let m: RegExpExecArray | null;

    if (path === '/manage/me' && method === 'GET') return sendJson(res, 200, publicAccount(actor));

    if (path === '/manage/assistants' && method === 'GET')
      return sendJson(res, 200, { assistants: await assistants.assistantsOf(actor.id) });
    if (path === '/manage/assistants' && method === 'POST') {
      const body = await json(req);
      const expiresAt =
        body.expiresAt === undefined || body.expiresAt === null
          ? null
          : new Date(str(body.expiresAt, 'expiresAt', 40));
      if (expiresAt && Number.isNaN(expiresAt.getTime()))
        throw new IdentityError(400, 'invalid_request', Messages.EXPIRES_AT_FORMAT);
      const out = await assistants.inviteAssistant(actor.id, {
        username: str(body.username, 'username', 100),
        displayName: str(body.displayName, 'displayName'),
        email: typeof body.email === 'string' ? body.email : null,
        scopes: strList(body.scopes, 'scopes'),
        expiresAt,
      });
      log.info(
        { audit: 'assistant_invited', grantor: actor.id, assistant: out.assistantAccountId },
        'assistant invited',
      );
      return sendJson(res, 201, {
        ...out,
        invitationUrl: `${deps.issuer()}/invitation/${out.invitationToken}`,
      });
    }
    if ((m = /^\/manage\/assistants\/([0-9a-f-]{36})$/.exec(path)) && method === 'DELETE') {
      await assistants.revokeAssistant(actor.id, m[1]!);
      log.info({ audit: 'assistant_revoked', by: actor.id, grant: m[1] }, 'assistant revoked');
      res.writeHead(204).end();
      return;
    }

    if ((m = /^\/manage\/accounts\/([0-9a-f-]{36})\/status$/.exec(path)) && method === 'POST') {
      const body = await json(req);
      const status = body.status;
      if (status !== 'SUSPENDED' && status !== 'ENDED' && status !== 'ACTIVE') {
        throw new IdentityError(400, 'invalid_request', Messages.ACCOUNT_STATUS_VALUE);
      }
      if (body.cause !== undefined && body.cause !== 'BREACH')
        throw new IdentityError(400, 'invalid_request', Messages.ACCOUNT_STATUS_CAUSE);
      const reason = str(body.reason, 'reason', 500);
      const updated = await accounts.setStatus(actor.id, m[1]!, status, reason, {
        breach: body.cause === 'BREACH',
        standing: async (personId) => {
          const s = await deps.lifecycle.standing(personId);
          return { deceased: s.deceased, eligible: eligible(s) };
        },
      });
      log.info(
        {
          audit: 'account_status',
          by: actor.id,
          account: updated.id,
          status,
          cause: updated.statusCause,
          reason,
        },
        'account status changed',
      );
      return sendJson(res, 200, publicAccount(updated));
    }

    if (path === '/manage/accounts' && method === 'POST') {
      const body = await json(req);
      const kind = body.kind;
      if (kind !== 'PHYSICIAN' && kind !== 'STAFF')
        throw new IdentityError(400, 'invalid_request', Messages.ACCOUNT_KIND_VALUE);
      const personId = kind === 'PHYSICIAN' ? str(body.personId, 'personId', 36) : null;
      const associationId = kind === 'STAFF' ? str(body.associationId, 'associationId', 36) : null;
      if ((personId && !isUuid(personId)) || (associationId && !isUuid(associationId)))
        throw new IdentityError(400, 'invalid_request', Messages.IDS_MUST_BE_UUIDS);
      const role = kind === 'STAFF' ? body.role : null;
      if (kind === 'STAFF' && role !== 'ADMIN' && role !== 'CLERK' && role !== 'VIEWER')
        throw new IdentityError(400, 'invalid_request', Messages.ACCOUNT_ROLE_VALUE);
      const sysadmin = body.sysadmin === true;
      // Two-step verification is set up by the account holder at their first sign-in (required for
      // staff and administrators): the administrator never sees the secret or the recovery codes.
      if (body.totp !== undefined && body.totp !== false && kind === 'PHYSICIAN')
        throw new IdentityError(400, 'invalid_request', Messages.PHYSICIAN_TOTP_SELF);
      if (!actor.sysadmin) {
        // An association's ADMIN provisions its own staff and its current members.
        const ownStaff = kind === 'STAFF' && associationId === actor.associationId && !sysadmin;
        const ownMember =
          kind === 'PHYSICIAN' &&
          actor.associationId &&
          (await accounts.isActiveMember(personId!, actor.associationId));
        if (actor.kind !== 'STAFF' || actor.role !== 'ADMIN' || !(ownStaff || ownMember))
          throw new IdentityError(403, 'forbidden', Messages.ACCOUNT_CREATE_NOT_ALLOWED);
      }
      const password = randomPassword(20);
      const created = await accounts.createAccount({
        username: str(body.username, 'username', 100),
        password,
        kind,
        displayName: str(body.displayName, 'displayName'),
        email: typeof body.email === 'string' ? body.email : null,
        personId,
        associationId,
        role: role as 'ADMIN' | 'CLERK' | 'VIEWER' | null,
        sysadmin,
        totp: 'at-first-sign-in',
      });
      log.info(
        { audit: 'account_created', by: actor.id, account: created.account.id, kind },
        'account created',
      );
      return sendJson(res, 201, {
        account: publicAccount(created.account),
        initialPassword: password,
        // no secret and no recovery codes: the account holder enrols at the first sign-in
        twoStepVerification: kind === 'STAFF' || sysadmin ? 'ENROL_AT_FIRST_SIGN_IN' : 'NOT_REQUIRED',
      });
    }

    // Office administration (職員管理): the association's own staff only (StaffService)
    if (path === '/manage/staff' && method === 'GET')
      return sendJson(res, 200, { staff: await deps.staff.list(actor.id) });
    if (path === '/manage/staff/invitations' && method === 'POST') {
      const out = await deps.staff.invite(actor.id, await json(req));
      log.info({ audit: 'staff_invited', by: actor.id, account: out.account }, 'staff invited');
      return sendJson(res, 201, out);
    }
    if (path === '/manage/staff/audit' && method === 'GET') {
      const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const opt = (name: string) => q.get(name) || undefined;
      const first = opt('first');
      return sendJson(
        res,
        200,
        await deps.staff.auditTrail(actor.id, {
          first: first === undefined ? undefined : /^\d{1,4}$/.test(first) ? Number(first) : NaN,
          after: opt('after'),
          staffId: opt('staff'),
          from: opt('from'),
          to: opt('to'),
        }),
      );
    }
    if (
      (m = /^\/manage\/staff\/([^/]{1,64})\/(disable|enable|invitation|second-factor\/reset)$/.exec(path)) &&
      method === 'POST'
    ) {
      const [, id, action] = m as unknown as [string, string, string];
      const body = await json(req);
      if (action === 'invitation') {
        const out = await deps.staff.reinvite(actor.id, id);
        log.info({ audit: 'staff_reinvited', by: actor.id, account: id }, 'staff invited again');
        return sendJson(res, 201, out);
      }
      if (action === 'second-factor/reset') {
        const updated = await deps.staff.resetSecondFactor(actor.id, id);
        log.info({ audit: 'second_factor_reset', by: actor.id, account: id }, 'second factor reset');
        return sendJson(res, 200, staffView(updated));
      }
      const updated = await deps.staff.setEnabled(actor.id, id, action === 'enable', body.reason);
      log.info(
        { audit: 'account_status', by: actor.id, account: id, status: updated.status },
        'staff status changed',
      );
      return sendJson(res, 200, staffView(updated));
    }

    if (path === '/manage/clients' && method === 'GET') {
      requireSysadmin(actor);
      return sendJson(res, 200, {
        clients: (await clients.list()).map((c) => ({
          clientId: c.clientId,
          name: c.name,
          kind: c.kind,
          scopes: c.scopes,
          redirectUris: c.redirectUris,
          disabled: c.disabledAt !== null,
        })),
      });
    }
    if (path === '/manage/clients' && method === 'POST') {
      requireSysadmin(actor);
      const body = await json(req);
      if (body.kind !== 'MACHINE' && body.kind !== 'PUBLIC')
        throw new IdentityError(400, 'invalid_request', Messages.CLIENT_KIND_VALUE);
      const { client, clientSecret } = await clients.register({
        name: str(body.name, 'name'),
        kind: body.kind,
        clientId: typeof body.clientId === 'string' ? body.clientId : undefined,
        scopes: body.scopes === undefined ? [] : strList(body.scopes, 'scopes'),
        redirectUris: body.redirectUris === undefined ? [] : strList(body.redirectUris, 'redirectUris'),
        postLogoutRedirectUris:
          body.postLogoutRedirectUris === undefined
            ? []
            : strList(body.postLogoutRedirectUris, 'postLogoutRedirectUris'),
        tokenExchange: body.tokenExchange === true,
        createdBy: actor.id,
      });
      log.info({ audit: 'client_registered', by: actor.id, client: client.clientId }, 'client registered');
      return sendJson(res, 201, {
        clientId: client.clientId,
        clientSecret,
        kind: client.kind,
        scopes: client.scopes,
        redirectUris: client.redirectUris,
      });
    }
    if (
      (m = /^\/manage\/clients\/([A-Za-z0-9._-]{3,64})\/(disable|enable)$/.exec(path)) &&
      method === 'POST'
    ) {
      requireSysadmin(actor);
      await clients.setDisabled(m[1]!, m[2] === 'disable', actor);
      log.info({ audit: `client_${m[2]}d`, by: actor.id, client: m[1] }, 'client status changed');
      return sendJson(res, 200, { clientId: m[1], disabled: m[2] === 'disable' });
    }
    return sendJson(res, 404, { error: 'not_found' });
  }

  return async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
  ): Promise<boolean> {
    if (path !== '/manage' && !path.startsWith('/manage/')) return false;
    const auth = await authenticate(req, res);
    if (!auth) return true;
    try {
      await route(req, res, path, auth);
    } catch (err) {
      if (err instanceof IdentityError)
        sendJson(res, err.status, {
          error: err.code,
          error_description: err.message,
          ...(err.field ? { field: err.field } : {}),
          ...(err.text ? { reason: err.text.reason } : {}),
        });
      else if (err instanceof BodyTooLarge)
        sendJson(res, 413, { error: 'invalid_request', error_description: 'body too large' });
      else throw err;
    }
    return true;
  };
}
