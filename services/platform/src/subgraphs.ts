/**
 * The subgraphs, one line each: what the gateway's configuration (URL and shared-secret variables,
 * default URLs), the runtime, the database bootstrap, the e2e harness and the compose file check
 * know about them (infra/services.ts adds the identity service for the database).
 */
export interface SubgraphInfo {
  /** Subgraph name (as composed into the supergraph), also its folder under services/ and its schema file name. */
  name: string;
  /** PostgreSQL schema of the service (its database role is `mamis_<schema>`). */
  schema: string;
  /** Development port (`npm start`; the gateway's default URL). */
  port: number;
  /** Env var through which the gateway finds it. */
  urlEnv: string;
  /** Env var of the shared secret the gateway presents to it (header `x-subgraph-secret`). */
  secretEnv: string;
}

export const SUBGRAPHS = [
  {
    name: 'membership',
    schema: 'membership',
    port: 4001,
    urlEnv: 'MEMBERSHIP_URL',
    secretEnv: 'MEMBERSHIP_SUBGRAPH_SECRET',
  },
  {
    name: 'training',
    schema: 'training',
    port: 4002,
    urlEnv: 'TRAINING_URL',
    secretEnv: 'TRAINING_SUBGRAPH_SECRET',
  },
  {
    name: 'insurance-pension',
    schema: 'insurance_pension',
    port: 4003,
    urlEnv: 'INSURANCE_PENSION_URL',
    secretEnv: 'INSURANCE_PENSION_SUBGRAPH_SECRET',
  },
  {
    name: 'consent',
    schema: 'consent',
    port: 4004,
    urlEnv: 'CONSENT_URL',
    secretEnv: 'CONSENT_SUBGRAPH_SECRET',
  },
] as const satisfies readonly SubgraphInfo[];
