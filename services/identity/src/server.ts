import http from 'node:http';
import {
  applyCors,
  CORS_EXPOSED_HEADERS,
  createLogger,
  createServiceMetrics,
  httpOutcome,
  listen,
  METRICS_PATH,
  metricsRoute,
  requestIdFrom,
  REQUEST_ID_HEADER,
  type ListeningServer,
} from '@mamis/platform';
import type { DataSource } from 'typeorm';
import { AccountService, IdentityError } from './auth/account.service';
import { AssistantService } from './auth/assistant.service';
import { ClientService } from './auth/client.service';
import { LifecycleService } from './auth/lifecycle.service';
import { PasswordResetService } from './auth/password-reset.service';
import { StaffService } from './auth/staff.service';
import { loadKeys } from './auth/keys';
import { dummyHash } from './auth/password';
import { SecretBox } from './auth/secret-box';
import { corsOriginsOf, loadIdentityConfig, type IdentityConfig } from './config';
import { makeDataSource } from './data-source';
import { BodyTooLarge, readForm, sendHtml, sendJson } from './interaction/http-util';
import { createInteractionRouter } from './interaction/interaction.router';
import { createPasswordResetRouter, FORGOT_PATH } from './interaction/password-reset.router';
import { errorPage, invitationPage, noticePage } from './interaction/pages';
import { createMailer } from './mail/mailer';
import { createManageRouter } from './manage/manage.router';
import { createRepositories } from './repositories';
import { JOINT_USE_NOTICE } from './terms/default-terms';
import { InterimPgTermsGateway, type TermsGateway } from './terms/terms-gateway';
import { ConsentTermsGateway } from './terms/consent-terms-gateway';
import {
  createAssertionSigner,
  devAssertionKeyPair,
  devRevocationFeedSecret,
  devSubgraphSecret,
  parseAssertionPrivateKey,
  REVOCATION_FEED_PATH,
  REVOCATION_FEED_SECRET_HEADER,
  sameSecret,
} from '@mamis/platform';

/** The request metrics' operations: the service's routes (a bounded set of labels). */
const OPERATIONS: [RegExp, string][] = [
  [/^\/\.well-known\//, 'discovery'],
  [/^\/jwks$/, 'jwks'],
  [/^\/auth(\/|$)/, 'authorize'],
  [/^\/token$/, 'token'],
  [/^\/token\/revocation$/, 'token_revocation'],
  [/^\/token\/introspection$/, 'token_introspection'],
  [/^\/me$/, 'userinfo'],
  [/^\/session\/end/, 'end_session'],
  [/^\/interaction\//, 'interaction'],
  [/^\/manage(\/|$)/, 'manage'],
  [/^\/password\//, 'password_reset'],
  [/^\/invitation\//, 'invitation'],
  [new RegExp(`^${REVOCATION_FEED_PATH}$`), 'revocation_feed'],
  [/^\/joint-use-notice$/, 'joint_use_notice'],
];
/** The operation of a request path; none for probes and /metrics, `other` for the rest. */
function operationOf(path: string): string | undefined {
  if (path === '/healthz' || path === '/readyz' || path === METRICS_PATH) return undefined;
  return OPERATIONS.find(([re]) => re.test(path))?.[1] ?? 'other';
}

export interface IdentityHandle {
  name: 'identity';
  dataSource: DataSource;
  /** The issuer, known once listening. */
  issuer(): string;
  listen(port?: number, host?: string): Promise<ListeningServer>;
  close(): Promise<void>;
}

/**
 * Build the identity service (connects to PostgreSQL, loads keys, does not listen). The OpenID
 * provider itself is created at listen(), when the issuer URL is known (IDENTITY_ISSUER, or
 * http://HOST:<bound port>).
 */
export async function createServer(
  config: IdentityConfig = loadIdentityConfig(),
  opts: { terms?: TermsGateway } = {},
): Promise<IdentityHandle> {
  const log = createLogger('identity', config.LOG_LEVEL);
  const keys = loadKeys(config);
  if (keys.development)
    log.warn({ dir: config.IDENTITY_DATA_DIR }, 'using development keys (refused in production)');
  const { dataSource } = makeDataSource(config.DATABASE_URL, { poolSize: config.DB_POOL_SIZE, logger: log });
  await dataSource.initialize();
  // Prometheus at /metrics (behind METRICS_TOKEN, required in production: config.ts)
  const metrics = createServiceMetrics('identity');
  metrics.observeSql(dataSource);
  const serveMetrics = metricsRoute(metrics.registry, config.METRICS_TOKEN);
  const repos = createRepositories(dataSource);
  try {
    if (config.NODE_ENV === 'production') {
      const demo = (await repos.accounts.countDemo()) + (await repos.clients.countDemo());
      if (demo > 0)
        throw new Error(
          `production: ${demo} demo account(s)/client(s) present in schema identity; remove them first`,
        );
    }
    if (config.NODE_ENV === 'production' && !opts.terms) {
      const missing = (
        ['CONSENT_URL', 'CONSENT_SUBGRAPH_SECRET', 'IDENTITY_ASSERTION_PRIVATE_KEY'] as const
      ).filter((key) => !config[key]);
      if (missing.length)
        throw new Error(
          `production: the terms of use come from the consent service; set ${missing.join(', ')}`,
        );
    }
    const interim = new InterimPgTermsGateway(dataSource);
    // the consent subgraph is the system of record of the terms when CONSENT_URL is set
    const consentTerms =
      !opts.terms && config.CONSENT_URL
        ? new ConsentTermsGateway(dataSource, {
            consentUrl: config.CONSENT_URL,
            secret: config.CONSENT_SUBGRAPH_SECRET ?? devSubgraphSecret('consent'),
            signer: createAssertionSigner({
              privateKey: config.IDENTITY_ASSERTION_PRIVATE_KEY
                ? parseAssertionPrivateKey(config.IDENTITY_ASSERTION_PRIVATE_KEY)
                : devAssertionKeyPair().privateKey,
            }),
          })
        : undefined;
    const terms = opts.terms ?? consentTerms ?? interim;
    if (!opts.terms && !consentTerms) {
      log.warn(
        'terms of use: interim tables in schema identity (set CONSENT_URL to use the consent service)',
      );
      await interim.ensureDefault();
    }
    const feedSecret = config.REVOCATION_FEED_SECRET ?? devRevocationFeedSecret();
    const box = new SecretBox(keys.dataKey);
    await dummyHash(); // computed before the first sign-in, so the first unknown name is not slower
    const accounts = new AccountService(repos, box, terms, {
      threshold: config.LOCKOUT_THRESHOLD,
      baseSeconds: config.LOCKOUT_BASE_SECONDS,
      maxSeconds: config.LOCKOUT_MAX_SECONDS,
      address: {
        threshold: config.LOCKOUT_ADDRESS_THRESHOLD,
        baseSeconds: config.LOCKOUT_ADDRESS_BASE_SECONDS,
        maxSeconds: config.LOCKOUT_ADDRESS_MAX_SECONDS,
      },
      global: {
        maxFailures: config.LOCKOUT_GLOBAL_MAX_FAILURES,
        windowSeconds: config.LOCKOUT_GLOBAL_WINDOW_SECONDS,
      },
    });
    consentTerms?.bindClaims((accountId) => accounts.subjectClaims(accountId));
    const lifecycle = new LifecycleService(dataSource, repos, accounts, log);
    accounts.bindLifecycle(() => lifecycle.catchUp());
    const clients = new ClientService(repos);
    const mailer = createMailer(config);
    if (mailer) log.info({ mail: mailer.describe }, 'password reset mail');
    else log.warn('password reset is switched off: no IDENTITY_SMTP_URL in production');
    let resets: PasswordResetService | undefined;

    let issuer = config.IDENTITY_ISSUER?.replace(/\/$/, '');
    let app: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | undefined;

    // the /manage API from a browser application (the portal's assistants page)
    const manageCors = {
      origins: corsOriginsOf(config),
      methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      allowHeaders: ['authorization', 'content-type', 'accept', 'x-request-id'],
      exposeHeaders: CORS_EXPOSED_HEADERS,
      maxAgeSeconds: 600,
    };

    const server = http.createServer((req, res) => {
      const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
      res.setHeader(REQUEST_ID_HEADER, requestId);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const operation = operationOf(url.pathname);
      if (operation) {
        const started = process.hrtime.bigint();
        res.once('close', () =>
          metrics.observeRequest(
            operation,
            httpOutcome(res.statusCode),
            Number(process.hrtime.bigint() - started) / 1e9,
          ),
        );
      }
      if (url.pathname.startsWith('/manage/') && applyCors(manageCors, req, res)) return;
      const done = (err: unknown) => {
        log.error(
          {
            err: err instanceof Error ? err.message : err,
            stack: err instanceof Error ? err.stack : undefined,
            requestId,
            path: url.pathname,
          },
          'unhandled request error',
        );
        if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
        else res.end();
      };
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === METRICS_PATH) return void serveMetrics(req, res).catch(done);
      if (url.pathname === '/readyz') {
        dataSource
          .query('SELECT 1')
          .then(() => sendJson(res, app ? 200 : 503, { status: app ? 'ready' : 'starting' }))
          .catch(() => sendJson(res, 503, { status: 'unavailable' }));
        return;
      }
      if (url.pathname === REVOCATION_FEED_PATH && req.method === 'GET') {
        // the gateway's per-request check of revocations: authenticated, never cached
        const presented = req.headers[REVOCATION_FEED_SECRET_HEADER];
        if (!sameSecret(Array.isArray(presented) ? presented[0] : presented, feedSecret))
          return sendJson(res, 401, { error: 'unauthorized' });
        lifecycle
          .catchUp()
          .then(() => repos.revocations.published())
          .then((entries) => sendJson(res, 200, { entries }, { 'cache-control': 'no-store' }))
          .catch(done);
        return;
      }
      if (!app) return sendJson(res, 503, { error: 'temporarily_unavailable' });
      app(req, res).catch(done);
    });

    let cleanup: NodeJS.Timeout | undefined;
    let listening: ListeningServer | undefined;

    async function buildApp() {
      // Loaded here (ESM-only package, required from CommonJS: Node ≥ 20.19).
      const { createOidcProvider } = await import('./oidc/provider');
      const { provider, verifier } = createOidcProvider({
        issuer: issuer!,
        config,
        keys,
        repos,
        accounts,
        terms,
        log,
      });
      const interaction = createInteractionRouter({
        provider,
        accounts,
        terms,
        box,
        log,
        noticeUrl: config.JOINT_USE_NOTICE_URL,
        issuerName: 'MAMIS',
        forgotUrl: mailer ? FORGOT_PATH : undefined,
        trustProxy: config.IDENTITY_TRUST_PROXY,
      });
      resets = mailer
        ? new PasswordResetService(repos, box, accounts, mailer, {
            resetUrl: (token) => `${issuer!}/password/reset/${token}`,
            log,
          })
        : undefined;
      const passwordReset = createPasswordResetRouter(resets ?? null);
      const staff = new StaffService(repos, accounts, {
        invitationUrl: (token) => `${issuer!}/invitation/${token}`,
        mailer,
        log,
      });
      const assistants = new AssistantService(repos, accounts);
      const manage = createManageRouter({
        staff,
        accounts,
        assistants,
        lifecycle,
        clients,
        verifier,
        log,
        issuer: () => issuer!,
      });
      const oidc = provider.callback();
      const pinned = new URL(issuer!);
      return async (req: http.IncomingMessage, res: http.ServerResponse) => {
        // Every URL the provider writes (discovery, redirects, form actions) comes from the issuer,
        // never from the request's Host or X-Forwarded-Host / -Proto; provider.ts
        // reads the forwarded headers (proxy), which are set here to the issuer's.
        req.headers.host = pinned.host;
        req.headers['x-forwarded-host'] = pinned.host;
        req.headers['x-forwarded-proto'] = pinned.protocol.replace(/:$/, '');
        // the client address is the proxy's word only behind a trusted proxy
        if (!config.IDENTITY_TRUST_PROXY) delete req.headers['x-forwarded-for'];
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (path === '/joint-use-notice' && (req.method === 'GET' || req.method === 'HEAD'))
          return sendHtml(res, 200, noticePage(JOINT_USE_NOTICE));
        if (await interaction(req, res, path)) return;
        if (await passwordReset(req, res, path)) return;
        if (await manage(req, res, path)) return;
        const inv = /^\/invitation\/([A-Za-z0-9_-]{20,100})$/.exec(path);
        if (inv) {
          const action = `/invitation/${inv[1]}`;
          if (req.method === 'GET')
            return sendHtml(
              res,
              200,
              invitationPage({ action, staff: await staff.isStaffInvitation(inv[1]!) }),
            );
          if (req.method !== 'POST')
            return sendHtml(res, 405, errorPage('method_not_allowed'), { allow: 'GET, POST' });
          try {
            const form = await readForm(req);
            const password = form.get('password') ?? '';
            // a staff invitation (職員) or else an assistant's
            const staffAccount = await staff.acceptInvitation(inv[1]!, password);
            if (!staffAccount) await assistants.acceptInvitation(inv[1]!, password);
            return sendHtml(res, 200, invitationPage({ action, done: true, staff: !!staffAccount }));
          } catch (err) {
            if (err instanceof IdentityError) {
              const weak = err.code === 'weak_password';
              return sendHtml(
                res,
                400,
                invitationPage({
                  action,
                  error: weak
                    ? {
                        ja: 'パスワードが条件を満たしていません（12文字以上、数字のみ不可）。',
                        en: `Password rejected: ${err.text?.en ?? err.message}`,
                      }
                    : { ja: '招待が無効か期限切れです。', en: 'This invitation is invalid or has expired.' },
                }),
              );
            }
            if (err instanceof BodyTooLarge) return sendHtml(res, 413, errorPage('request_too_large'));
            throw err;
          }
        }
        return oidc(req, res);
      };
    }

    return {
      name: 'identity',
      dataSource,
      issuer: () => issuer ?? '',
      async listen(port = config.PORT, host = config.HOST) {
        await lifecycle.init();
        listening = await listen(server, port, host);
        issuer ??= `http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${listening.port}`;
        app = await buildApp();
        cleanup = setInterval(
          () => {
            Promise.all([
              repos.oidc.deleteExpired(),
              repos.passwordResets.deleteExpired(),
              repos.throttle.deleteStale(),
            ]).catch((err: unknown) => log.warn({ err: (err as Error).message }, 'cleanup failed'));
          },
          10 * 60 * 1000,
        );
        cleanup.unref();
        log.info(
          { url: issuer, port: listening.port, discovery: `${issuer}/.well-known/openid-configuration` },
          'identity listening',
        );
        return { ...listening, url: issuer };
      },
      async close() {
        if (cleanup) clearInterval(cleanup);
        if (listening) await listening.close();
        await resets?.drain();
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
}
