import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@mamis/platform';
import { In, type DataSource } from 'typeorm';
import { AccountService } from '../auth/account.service';
import { AssistantService } from '../auth/assistant.service';
import { ClientService } from '../auth/client.service';
import { loadKeys } from '../auth/keys';
import { randomPassword } from '../auth/password';
import { SecretBox } from '../auth/secret-box';
import { makeDataSource } from '../data-source';
import { AccountEntity, OAuthClientEntity, type AccountKind, type StaffRole } from '../entities';
import { createRepositories } from '../repositories';
import { InterimPgTermsGateway } from '../terms/terms-gateway';

export interface DemoAssociation {
  /** Omitted: looked up by code in membership.association. */
  id?: string;
  code: string;
  name?: string;
}

export interface DemoPerson {
  personId: string;
  name?: string;
}

/** The demo data set's associations and persons (ids from the membership seed). */
export interface DemoFixtures {
  /** 日本医師会 (NATIONAL). */
  jma: DemoAssociation;
  /** One prefectural association … */
  prefectural: DemoAssociation;
  /** … and one municipal association under it. */
  municipal: DemoAssociation;
  physicians: {
    /** Member of the municipal association only. */
    municipalOnly: DemoPerson;
    /** Member of the municipal and prefectural associations. */
    upToPrefectural: DemoPerson;
    /** Member of all three tiers. */
    upToNational: DemoPerson;
    /** No membership; attends training sessions. */
    nonMemberTrainee: DemoPerson;
  };
  /** The academic society (学会) of the society client: `society:<id>`. */
  society: { id: string; name?: string };
  /** Redirect URIs of the demo frontend client. */
  frontendRedirectUris?: string[];
  /** Redirect URIs of the MAMIS portal (`mamis-portal`); default: its development URL (5173). */
  portalRedirectUris?: string[];
  /** Redirect URIs of the development API explorer (the gateway's `GET /`). */
  explorerRedirectUris?: string[];
}

export interface DemoCredentialAccount {
  username: string;
  password: string;
  totpSecret: string | null;
  kind: AccountKind;
  role: StaffRole | null;
  associationCode: string | null;
  personId: string | null;
  note: string;
}

export interface DemoCredentialClient {
  clientId: string;
  clientSecret: string | null;
  scopes: string[];
  note: string;
}

export interface DemoCredentials {
  accounts: DemoCredentialAccount[];
  clients: DemoCredentialClient[];
}

export interface SeedDemoOptions {
  /** A DataSource on schema identity (owner or the identity role), or a URL to open one. */
  dataSource?: DataSource;
  databaseUrl?: string;
  fixtures: DemoFixtures;
  /** Key sealing TOTP secrets: the identity service's data key (default: IDENTITY_DATA_KEY or .data/identity). */
  dataKey?: Buffer;
  /** Where to write the credentials (default `$MAMIS_DATA_DIR/demo-credentials.json`, else `.data/…`); null: don't write. */
  credentialsPath?: string | null;
}

/** `<MAMIS_DATA_DIR or .data>/demo-credentials.json`. */
export const demoCredentialsPath = () =>
  path.join(process.env.MAMIS_DATA_DIR ?? path.join(repoRoot, '.data'), 'demo-credentials.json');
export const DEMO_FRONTEND_CLIENT_ID = 'mamis-web';
/** The MAMIS portal (services/portal): a public client, authorization code + PKCE. */
export const PORTAL_CLIENT_ID = 'mamis-portal';
/** The portal's development redirect URIs (`npm start` serves it on 127.0.0.1:5173). */
export const PORTAL_DEV_REDIRECT_URIS = ['http://127.0.0.1:5173/callback', 'http://localhost:5173/callback'];
/** The development API explorer's client (the gateway's EXPLORER_CLIENT_ID). */
export const DEMO_EXPLORER_CLIENT_ID = 'mamis-explorer';

/** Demo e-mail addresses use the reserved `.example` TLD (RFC 2606): never delivered anywhere real. */
const demoEmail = (username: string) => `${username}@demo.mamis.example`;

/**
 * Create the demo accounts and clients (replacing earlier demo ones of the same names) and write
 * their credentials. Development and test only: refuses NODE_ENV=production, and the identity
 * service refuses to start in production while any demo account or client exists.
 */
export async function seedDemoAccounts(opts: SeedDemoOptions): Promise<DemoCredentials> {
  if (process.env.NODE_ENV === 'production') throw new Error('demo accounts are never created in production');
  const own = !opts.dataSource;
  const ds = opts.dataSource ?? makeDataSource(opts.databaseUrl ?? process.env.DATABASE_URL ?? '').dataSource;
  if (!ds.isInitialized) await ds.initialize();
  try {
    const resolve = async (
      a: DemoAssociation,
    ): Promise<Required<Pick<DemoAssociation, 'id' | 'code'>> & { name?: string }> => {
      if (a.id) return { ...a, id: a.id };
      const rows: { id: string; name: string }[] = await ds.query(
        'SELECT id, name FROM access.association_v1 WHERE code = $1',
        [a.code],
      );
      if (!rows[0]) throw new Error(`demo fixtures: no association with code ${a.code}`);
      return { ...a, id: rows[0].id, name: a.name ?? rows[0].name };
    };
    const f = {
      ...opts.fixtures,
      jma: await resolve(opts.fixtures.jma),
      prefectural: await resolve(opts.fixtures.prefectural),
      municipal: await resolve(opts.fixtures.municipal),
    };
    const dataKey =
      opts.dataKey ??
      loadKeys({
        NODE_ENV: 'development',
        IDENTITY_DATA_KEY: process.env.IDENTITY_DATA_KEY,
        IDENTITY_JWKS: process.env.IDENTITY_JWKS,
        IDENTITY_COOKIE_KEYS: process.env.IDENTITY_COOKIE_KEYS,
        IDENTITY_DATA_DIR: process.env.IDENTITY_DATA_DIR ?? path.join(repoRoot, '.data', 'identity'),
      }).dataKey;
    const repos = createRepositories(ds);
    const accounts = new AccountService(repos, new SecretBox(dataKey), new InterimPgTermsGateway(ds), {
      threshold: 5,
      baseSeconds: 2,
      maxSeconds: 900,
    });
    const assistants = new AssistantService(repos, accounts);
    const clients = new ClientService(repos);

    const plan: Array<{
      username: string;
      kind: 'PHYSICIAN' | 'STAFF';
      displayName: string;
      association?: DemoAssociation;
      role?: StaffRole;
      sysadmin?: boolean;
      personId?: string;
      totp?: boolean;
      /** Default `<username>@demo.mamis.example` (password-reset mail lands in the dev outbox). */
      email?: string;
      note: string;
    }> = [
      {
        username: 'jma-admin',
        kind: 'STAFF',
        displayName: 'JMA システム管理者',
        association: f.jma,
        role: 'ADMIN',
        sysadmin: true,
        note: 'JMA system administrator (registers clients, suspends any account); TOTP required',
      },
      {
        username: 'pref-admin',
        kind: 'STAFF',
        displayName: `${f.prefectural.name ?? f.prefectural.code} 管理者`,
        association: f.prefectural,
        role: 'ADMIN',
        note: 'ADMIN staff of the prefectural association; TOTP required',
      },
      {
        username: 'muni-admin',
        kind: 'STAFF',
        displayName: `${f.municipal.name ?? f.municipal.code} 管理者`,
        association: f.municipal,
        role: 'ADMIN',
        note: 'ADMIN staff of the municipal association; TOTP required',
      },
      {
        username: 'muni-clerk',
        kind: 'STAFF',
        displayName: `${f.municipal.name ?? f.municipal.code} 事務`,
        association: f.municipal,
        role: 'CLERK',
        note: 'CLERK staff of the municipal association (may act on behalf of its members); TOTP required',
      },
      {
        username: 'dr-municipal',
        kind: 'PHYSICIAN',
        displayName: f.physicians.municipalOnly.name ?? '医師（郡市区のみ）',
        personId: f.physicians.municipalOnly.personId,
        note: 'physician, member of the municipal association only',
      },
      {
        username: 'dr-prefectural',
        kind: 'PHYSICIAN',
        displayName: f.physicians.upToPrefectural.name ?? '医師（都道府県まで）',
        personId: f.physicians.upToPrefectural.personId,
        note: 'physician, member up to the prefectural association',
      },
      {
        username: 'dr-national',
        kind: 'PHYSICIAN',
        displayName: f.physicians.upToNational.name ?? '医師（日医まで）',
        personId: f.physicians.upToNational.personId,
        totp: true,
        note: 'physician, member up to the JMA; has TOTP (optional for physicians) and an assistant',
      },
      {
        username: 'dr-trainee',
        kind: 'PHYSICIAN',
        displayName: f.physicians.nonMemberTrainee.name ?? '医師（非会員・研修受講）',
        personId: f.physicians.nonMemberTrainee.personId,
        note: 'physician, not a member of any association; attends training sessions',
      },
    ];
    const assistantUsername = 'asst-national';
    const usernames = [...plan.map((p) => p.username), assistantUsername];
    const clientIds = [
      DEMO_FRONTEND_CLIENT_ID,
      `society-${f.society.id}`.slice(0, 64),
      'analytics-demo',
      PORTAL_CLIENT_ID,
      DEMO_EXPLORER_CLIENT_ID,
    ];

    // Replace earlier demo rows of these names (and everything they hold).
    const old = await ds.getRepository(AccountEntity).findBy({ username: In(usernames), demo: true });
    for (const a of old) await repos.oidc.revokeAccount(a.id);
    await ds.query(
      'DELETE FROM assistant_grant WHERE assistant_account_id = ANY($1) OR grantor_account_id = ANY($1)',
      [old.map((a) => a.id)],
    );
    await ds.query('DELETE FROM recovery_code WHERE account_id = ANY($1)', [old.map((a) => a.id)]);
    await ds.query('DELETE FROM password_reset_token WHERE account_id = ANY($1)', [old.map((a) => a.id)]);
    await ds.query('DELETE FROM interim_terms_acceptance WHERE account_id = ANY($1)', [old.map((a) => a.id)]);
    await ds.getRepository(AccountEntity).delete({ username: In(usernames), demo: true });
    await ds.getRepository(OAuthClientEntity).delete({ clientId: In(clientIds), demo: true });

    const out: DemoCredentials = { accounts: [], clients: [] };
    const byUsername = new Map<string, string>();
    for (const p of plan) {
      const password = randomPassword(20);
      const { account, totpSecret } = await accounts.createAccount({
        username: p.username,
        password,
        kind: p.kind,
        displayName: p.displayName,
        email: p.email ?? demoEmail(p.username),
        personId: p.personId ?? null,
        associationId: p.association?.id ?? null,
        role: p.role ?? null,
        sysadmin: p.sysadmin ?? false,
        totp: p.totp ?? false,
        demo: true,
      });
      byUsername.set(p.username, account.id);
      out.accounts.push({
        username: p.username,
        password,
        totpSecret,
        kind: p.kind,
        role: p.role ?? null,
        associationCode: p.association?.code ?? null,
        personId: p.personId ?? null,
        note: p.note,
      });
    }

    // The assistant of dr-national: invited, then set up (as the invitation page would).
    const invite = await assistants.inviteAssistant(byUsername.get('dr-national')!, {
      username: assistantUsername,
      displayName: '補助者（dr-national）',
      email: demoEmail(assistantUsername),
      scopes: ['identity:read', 'contact:read', 'profile:read', 'training:read', 'training:write'],
      expiresAt: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    });
    const assistantPassword = randomPassword(20);
    await assistants.acceptInvitation(invite.invitationToken, assistantPassword);
    await ds.getRepository(AccountEntity).update({ id: invite.assistantAccountId }, { demo: true });
    out.accounts.push({
      username: assistantUsername,
      password: assistantPassword,
      totpSecret: null,
      kind: 'ASSISTANT',
      role: null,
      associationCode: null,
      personId: f.physicians.upToNational.personId,
      note: 'assistant (補助者) of dr-national: identity/contact/profile read, training read+write; expires in one year',
    });

    const web = await clients.register({
      clientId: DEMO_FRONTEND_CLIENT_ID,
      name: 'MAMIS Web (demo)',
      kind: 'PUBLIC',
      redirectUris: f.frontendRedirectUris ?? [
        'http://localhost:5173/callback',
        'http://127.0.0.1:5173/callback',
      ],
      postLogoutRedirectUris: ['http://localhost:5173/', 'http://127.0.0.1:5173/'],
      tokenExchange: true,
      demo: true,
    });
    out.clients.push({
      clientId: web.client.clientId,
      clientSecret: null,
      scopes: [],
      note: 'public frontend client: authorization code + PKCE, refresh, token exchange (act-on-behalf)',
    });

    const society = await clients.register({
      clientId: clientIds[1],
      name: `${f.society.name ?? 'Academic society'} (demo)`,
      kind: 'MACHINE',
      scopes: [`society:${f.society.id}`],
      demo: true,
    });
    out.clients.push({
      clientId: society.client.clientId,
      clientSecret: society.clientSecret,
      scopes: society.client.scopes,
      note: 'academic-society client: training data of sessions the society co-hosts',
    });
    const analytics = await clients.register({
      clientId: clientIds[2],
      name: 'JMA analytics (demo)',
      kind: 'MACHINE',
      scopes: ['analytics:aggregate'],
      demo: true,
    });
    out.clients.push({
      clientId: analytics.client.clientId,
      clientSecret: analytics.clientSecret,
      scopes: analytics.client.scopes,
      note: 'analytics client: aggregate fields only',
    });
    const portal = await clients.register({
      clientId: PORTAL_CLIENT_ID,
      name: 'MAMIS ポータル / MAMIS portal',
      kind: 'PUBLIC',
      redirectUris: f.portalRedirectUris ?? PORTAL_DEV_REDIRECT_URIS,
      postLogoutRedirectUris: (f.portalRedirectUris ?? PORTAL_DEV_REDIRECT_URIS).map((u) =>
        u.replace(/callback$/, ''),
      ),
      tokenExchange: true,
      demo: true,
    });
    out.clients.push({
      clientId: portal.client.clientId,
      clientSecret: null,
      scopes: [],
      note: 'the MAMIS portal (services/portal): authorization code + PKCE, refresh, token exchange',
    });

    // the gateway's development API explorer (GraphiQL at GET /): sign-in with PKCE as a demo user
    const explorer = await clients.register({
      clientId: DEMO_EXPLORER_CLIENT_ID,
      name: 'MAMIS API explorer (development)',
      kind: 'PUBLIC',
      redirectUris: f.explorerRedirectUris ?? ['http://127.0.0.1:4000/', 'http://localhost:4000/'],
      demo: true,
    });
    out.clients.push({
      clientId: explorer.client.clientId,
      clientSecret: null,
      scopes: [],
      note: "the gateway's development API explorer (GET /): authorization code + PKCE",
    });

    const file = opts.credentialsPath === undefined ? demoCredentialsPath() : opts.credentialsPath;
    if (file) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    return out;
  } finally {
    if (own) await ds.destroy();
  }
}

/**
 * `npm start` on data seeded before the portal existed: register the portal's demo client
 * (`mamis-portal`) when it is missing, or give it these redirect URIs when they differ (another
 * MAMIS_PORT_BASE). Development only. Returns what it did.
 */
export async function ensurePortalClient(opts: {
  databaseUrl: string;
  redirectUris: string[];
}): Promise<'created' | 'updated' | 'unchanged'> {
  if (process.env.NODE_ENV === 'production') throw new Error('demo clients are never created in production');
  const { dataSource: ds } = makeDataSource(opts.databaseUrl);
  await ds.initialize();
  try {
    const repo = ds.getRepository(OAuthClientEntity);
    const existing = await repo.findOneBy({ clientId: PORTAL_CLIENT_ID });
    const postLogout = opts.redirectUris.map((u) => u.replace(/callback$/, ''));
    if (!existing) {
      await new ClientService(createRepositories(ds)).register({
        clientId: PORTAL_CLIENT_ID,
        name: 'MAMIS ポータル / MAMIS portal',
        kind: 'PUBLIC',
        redirectUris: opts.redirectUris,
        postLogoutRedirectUris: postLogout,
        tokenExchange: true,
        demo: true,
      });
      return 'created';
    }
    if (JSON.stringify(existing.redirectUris) === JSON.stringify(opts.redirectUris)) return 'unchanged';
    await repo.update(
      { clientId: PORTAL_CLIENT_ID },
      { redirectUris: opts.redirectUris, postLogoutRedirectUris: postLogout },
    );
    return 'updated';
  } finally {
    await ds.destroy();
  }
}
