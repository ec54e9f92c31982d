import { SUBGRAPHS as PLATFORM_SUBGRAPHS } from '@mamis/platform';

/**
 * The registry of the services the runtime, the database bootstrap, the e2e harness and the
 * compose file check know about: the subgraphs (one line each in the platform's SUBGRAPHS, which
 * the gateway's configuration reads too) and the identity service.
 */
export interface ServiceInfo {
  /** Subgraph/service name, also its folder under services/ and its schema file name. */
  name: string;
  /** PostgreSQL schema of the service (its database role is `mamis_<schema>`). */
  schema: string;
  port: number;
  /** Env var through which the gateway finds it. */
  urlEnv: string;
}

export const SUBGRAPHS: readonly ServiceInfo[] = PLATFORM_SUBGRAPHS;

/** Every service that owns a PostgreSQL schema: the subgraphs and the identity provider. */
export const DB_SERVICES: ServiceInfo[] = [
  ...SUBGRAPHS,
  { name: 'identity', schema: 'identity', port: 4010, urlEnv: 'IDENTITY_URL' },
];

export const GATEWAY_PORT = 4000;

export const roleOf = (schema: string) => `mamis_${schema}`;
/** Development-only passwords of the service roles (the embedded database listens on 127.0.0.1 only). */
export const devPasswordOf = (schema: string) => `dev-${schema}-password`;
