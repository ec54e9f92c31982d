/**
 * The registry of the services the runtime, the database bootstrap, the e2e harness and the
 * compose file check know about. One line per service.
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

export const SUBGRAPHS: ServiceInfo[] = [
  { name: 'membership', schema: 'membership', port: 4001, urlEnv: 'MEMBERSHIP_URL' },
  { name: 'training', schema: 'training', port: 4002, urlEnv: 'TRAINING_URL' },
  { name: 'insurance-pension', schema: 'insurance_pension', port: 4003, urlEnv: 'INSURANCE_PENSION_URL' },
  { name: 'consent', schema: 'consent', port: 4004, urlEnv: 'CONSENT_URL' },
];

/** Every service that owns a PostgreSQL schema: the subgraphs and the identity provider. */
export const DB_SERVICES: ServiceInfo[] = [
  ...SUBGRAPHS,
  { name: 'identity', schema: 'identity', port: 4010, urlEnv: 'IDENTITY_URL' },
];

export const GATEWAY_PORT = 4000;

export const roleOf = (schema: string) => `mamis_${schema}`;
/** Development-only passwords of the service roles (the embedded database listens on 127.0.0.1 only). */
export const devPasswordOf = (schema: string) => `dev-${schema}-password`;
