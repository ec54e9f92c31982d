import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  ANONYMOUS,
  createAssertionSigner,
  parseAssertionPrivateKey,
  SUBGRAPH_SECRET_HEADER,
  VIEWER_ASSERTION_HEADER,
  type ServiceHandle,
  type Viewer,
} from '@mamis/platform';
import { createServer as createMembership } from '@mamis/membership/src/server';
import { createServer as createTraining } from '@mamis/training/src/server';
import { createServer as createInsurancePension } from '@mamis/insurance-pension/src/server';
import { createServer as createConsent } from '@mamis/consent/src/server';
import { createServer as createGateway, type GatewayHandle } from '@mamis/gateway/src/server';
import { membershipEnv } from '@mamis/membership/src/config';
import { loadTrainingConfig } from '@mamis/training/src/config';
import { gatewayEnv } from '@mamis/gateway/src/config';
import type { TestDatabase } from './database';
import { startTestIssuer, type MintOptions, type TestIssuer } from './oidc';

/** A viewer for a test token: `kind` plus whatever the test needs. */
export type TestViewer = Partial<Viewer> & { kind: Viewer['kind'] };

/** Sending operations to one gateway. */
export interface GatewayClient {
  /** POST a GraphQL operation to the gateway (anonymous unless `headers` carry a token). */
  query<T = unknown>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** POST a GraphQL operation to the gateway with an access token for `viewer`. */
  queryAs<T = unknown>(
    viewer: TestViewer,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
}

export interface GatewayInstance extends GatewayClient {
  url: string;
  handle: GatewayHandle;
  close(): Promise<void>;
}

export interface Stack extends GatewayClient {
  gatewayUrl: string;
  gateway: GatewayHandle;
  /** Subgraph name → its own URL (direct, bypassing the gateway). */
  subgraphUrls: Record<string, string>;
  /** Subgraph name → handle (its DataSource and SQL statement counter). */
  services: Record<string, ServiceHandle>;
  /** The stand-in identity service whose JWKS the gateway trusts. */
  issuer: TestIssuer;
  /** The trust material of this stack (random per stack). */
  trust: {
    privateKeyPem: string;
    publicKeyPem: string;
    secrets: Record<string, string>;
    /** The gateways' REVOCATION_FEED_SECRET (give it to a real identity service as well). */
    revocationFeedSecret: string;
    /** The gateways' METRICS_TOKEN (`Authorization: Bearer …` for /metrics). */
    metricsToken: string;
  };
  /**
   * An access token for `viewer`. Humans (PHYSICIAN/STAFF/ASSISTANT) get the CURRENT terms version
   * as `terms_version` unless `acceptedTermsVersion` is given (`''`: no terms claim at all).
   */
  tokenFor(viewer: TestViewer, opts?: MintOptions): Promise<string>;
  /** Headers that make a DIRECT subgraph call trusted: its secret + a fresh viewer assertion. */
  subgraphHeaders(subgraph: string, viewer?: Viewer): Promise<Record<string, string>>;
  /** One more gateway on the same subgraphs and issuer, with extra env (e.g. REDIS_URL, NODE_ENV). */
  startGateway(env?: Record<string, string>): Promise<GatewayInstance>;
  close(): Promise<void>;
}

export interface GraphQLResponse<T> {
  status: number;
  body: { data?: T; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
  headers: Headers;
}

type ParseEnv = (env: Record<string, string>) => unknown;
const commonEnv: ParseEnv = (env) => membershipEnv.parse(env);
const SUBGRAPHS: [
  name: string,
  schema: string,
  create: (c: never) => Promise<ServiceHandle>,
  parse: ParseEnv,
][] = [
  ['membership', 'membership', createMembership as (c: never) => Promise<ServiceHandle>, commonEnv],
  // training has settings of its own (PORTAL_URL, document links)
  ['training', 'training', createTraining as (c: never) => Promise<ServiceHandle>, loadTrainingConfig],
  [
    'insurance-pension',
    'insurance_pension',
    createInsurancePension as (c: never) => Promise<ServiceHandle>,
    commonEnv,
  ],
  ['consent', 'consent', createConsent as (c: never) => Promise<ServiceHandle>, commonEnv],
];

const HUMANS = new Set(['PHYSICIAN', 'STAFF', 'ASSISTANT']);

export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: GraphQLResponse<T>['body'];
  try {
    body = JSON.parse(text) as GraphQLResponse<T>['body'];
  } catch {
    body = { errors: [{ message: `non-JSON response (${res.status}): ${text.slice(0, 200)}` }] };
  }
  return { status: res.status, body, headers: res.headers };
}

export interface StackOptions {
  /** Env for the gateway only (after `env`). */
  gatewayEnv?: Record<string, string>;
  /** Env for the subgraphs only (after `env`). */
  subgraphEnv?: Record<string, string>;
  /** Env for one subgraph, by its database schema (after `subgraphEnv`), e.g. its DATABASE_READ_URL. */
  subgraphEnvFor?: (schema: string) => Record<string, string>;
}

/**
 * Start the four subgraphs and the gateway in-process, each on port 0, against a test database.
 * The stack makes its own trust material (a random ES256 assertion key pair and one random secret
 * per subgraph, passed as the production variables would be) and its own token issuer.
 * `env` goes to the subgraphs and the gateway.
 */
export async function startStack(
  db: TestDatabase,
  env: Record<string, string> = {},
  options: StackOptions = {},
): Promise<Stack> {
  const services: Record<string, ServiceHandle> = {};
  const subgraphUrls: Record<string, string> = {};
  const closers: (() => Promise<void>)[] = [];
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const trust = {
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    secrets: Object.fromEntries(SUBGRAPHS.map(([name]) => [name, randomBytes(32).toString('base64url')])),
    revocationFeedSecret: randomBytes(32).toString('base64url'),
    metricsToken: randomBytes(32).toString('base64url'),
  };
  const signer = createAssertionSigner({
    privateKey: parseAssertionPrivateKey(trust.privateKeyPem),
    ttlSeconds: 60,
  });
  try {
    const issuer = await startTestIssuer();
    closers.push(() => issuer.close());
    for (const [name, schema, create, parse] of SUBGRAPHS) {
      const config = parse({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: db.urlFor(schema),
        DB_POOL_SIZE: '4',
        // generous on a loaded machine (a timeout is tested with its own setting, never by load)
        STATEMENT_TIMEOUT_MS: '30000',
        SUBGRAPH_SECRET: trust.secrets[name],
        GATEWAY_ASSERTION_PUBLIC_KEY: trust.publicKeyPem,
        ...env,
        ...options.subgraphEnv,
        ...options.subgraphEnvFor?.(schema),
      });
      const handle = await create(config as never);
      closers.push(() => handle.close());
      const listening = await handle.listen(0, '127.0.0.1');
      services[name] = handle;
      subgraphUrls[name] = listening.url;
    }

    const subgraphHeaders = async (subgraph: string, viewer: Viewer = ANONYMOUS) => ({
      'content-type': 'application/json',
      [SUBGRAPH_SECRET_HEADER]: trust.secrets[subgraph]!,
      [VIEWER_ASSERTION_HEADER]: await signer.sign(viewer, subgraph),
    });

    const currentTermsVersion = async (): Promise<string | undefined> => {
      const res = await postGraphQL<{ termsOfUse: { version: string } | null }>(
        subgraphUrls.consent!,
        '{ termsOfUse { version } }',
        undefined,
        await subgraphHeaders('consent'),
      );
      return res.body.data?.termsOfUse?.version;
    };
    const tokenFor = async (viewer: TestViewer, opts?: MintOptions) => {
      const v = { ...viewer };
      if (v.acceptedTermsVersion === undefined && HUMANS.has(v.kind))
        v.acceptedTermsVersion = await currentTermsVersion();
      return issuer.tokenFor(v, opts);
    };

    const startGateway = async (extra: Record<string, string> = {}): Promise<GatewayInstance> => {
      const handle = await createGateway(
        gatewayEnv.parse({
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          MEMBERSHIP_URL: subgraphUrls.membership,
          TRAINING_URL: subgraphUrls.training,
          INSURANCE_PENSION_URL: subgraphUrls['insurance-pension'],
          CONSENT_URL: subgraphUrls.consent,
          MEMBERSHIP_SUBGRAPH_SECRET: trust.secrets.membership,
          TRAINING_SUBGRAPH_SECRET: trust.secrets.training,
          INSURANCE_PENSION_SUBGRAPH_SECRET: trust.secrets['insurance-pension'],
          CONSENT_SUBGRAPH_SECRET: trust.secrets.consent,
          GATEWAY_ASSERTION_PRIVATE_KEY: trust.privateKeyPem,
          REVOCATION_FEED_SECRET: trust.revocationFeedSecret,
          // production gateways of the tests serve /metrics behind a token, as the real one must
          METRICS_TOKEN: trust.metricsToken,
          OIDC_ISSUER: issuer.issuer,
          // tests change terms and expect the gateway to see them
          TERMS_CACHE_MS: '0',
          // generous on a loaded machine (failure.e2e tests the timeout with its own setting)
          SUBGRAPH_TIMEOUT_MS: '30000',
          REVOCATION_FEED_TIMEOUT_MS: '10000',
          ...env,
          ...options.gatewayEnv,
          ...extra,
        }),
      );
      const gw = await handle.listen(0, '127.0.0.1');
      let closed = false;
      const close = async () => {
        if (closed) return;
        closed = true;
        await handle.close();
      };
      closers.push(close);
      return {
        url: gw.url,
        handle,
        query: (q, v, h) => postGraphQL(gw.url, q, v, h),
        queryAs: async (viewer, q, v, h) =>
          postGraphQL(gw.url, q, v, { authorization: `Bearer ${await tokenFor(viewer)}`, ...h }),
        close,
      };
    };

    const main = await startGateway();
    return {
      gatewayUrl: main.url,
      gateway: main.handle,
      subgraphUrls,
      services,
      issuer,
      trust,
      query: main.query,
      queryAs: main.queryAs,
      tokenFor,
      subgraphHeaders,
      startGateway,
      close: async () => {
        // a test may already have stopped a subgraph: keep closing the rest
        for (const close of closers.reverse()) await close().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw err;
  }
}
