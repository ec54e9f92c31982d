import type { ServiceHandle } from '@mamis/platform';
import { createServer as createMembership } from '@mamis/membership/src/server';
import { createServer as createTraining } from '@mamis/training/src/server';
import { createServer as createInsurancePension } from '@mamis/insurance-pension/src/server';
import { createServer as createConsent } from '@mamis/consent/src/server';
import { createServer as createGateway } from '@mamis/gateway/src/server';
import { membershipEnv } from '@mamis/membership/src/config';
import { gatewayEnv } from '@mamis/gateway/src/config';
import type { TestDatabase } from './database';

export interface Stack {
  gatewayUrl: string;
  /** Subgraph name → its own URL (direct, bypassing the gateway). */
  subgraphUrls: Record<string, string>;
  /** Subgraph name → handle (its DataSource and SQL statement counter). */
  services: Record<string, ServiceHandle>;
  /** POST a GraphQL operation to the gateway. */
  query<T = unknown>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface GraphQLResponse<T> {
  status: number;
  body: { data?: T; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
  headers: Headers;
}

const SUBGRAPHS: [name: string, schema: string, create: (c: never) => Promise<ServiceHandle>][] = [
  ['membership', 'membership', createMembership as (c: never) => Promise<ServiceHandle>],
  ['training', 'training', createTraining as (c: never) => Promise<ServiceHandle>],
  ['insurance-pension', 'insurance_pension', createInsurancePension as (c: never) => Promise<ServiceHandle>],
  ['consent', 'consent', createConsent as (c: never) => Promise<ServiceHandle>],
];

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

/** Start the four subgraphs and the gateway in-process, each on port 0, against a test database. */
export async function startStack(db: TestDatabase, env: Record<string, string> = {}): Promise<Stack> {
  const services: Record<string, ServiceHandle> = {};
  const subgraphUrls: Record<string, string> = {};
  const closers: (() => Promise<void>)[] = [];
  try {
    for (const [name, schema, create] of SUBGRAPHS) {
      const config = membershipEnv.parse({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: db.urlFor(schema),
        DB_POOL_SIZE: '4',
        ...env,
      });
      const handle = await create(config as never);
      closers.push(() => handle.close());
      const listening = await handle.listen(0, '127.0.0.1');
      services[name] = handle;
      subgraphUrls[name] = listening.url;
    }
    const gateway = await createGateway(
      gatewayEnv.parse({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        MEMBERSHIP_URL: subgraphUrls.membership,
        TRAINING_URL: subgraphUrls.training,
        INSURANCE_PENSION_URL: subgraphUrls['insurance-pension'],
        CONSENT_URL: subgraphUrls.consent,
        ...env,
      }),
    );
    closers.push(() => gateway.close());
    const gw = await gateway.listen(0, '127.0.0.1');
    return {
      gatewayUrl: gw.url,
      subgraphUrls,
      services,
      query: (q, v, h) => postGraphQL(gw.url, q, v, h),
      close: async () => {
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (err) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw err;
  }
}
