import path from 'node:path';
import { z } from 'zod';
import { loadConfig, repoRoot } from '@mamis/platform';

const url = (fallback: string) => z.string().url().default(fallback);

export const gatewayEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  SUPERGRAPH_PATH: z.string().default(path.join(repoRoot, 'schema', 'supergraph.graphql')),
  MEMBERSHIP_URL: url('http://127.0.0.1:4001/graphql'),
  TRAINING_URL: url('http://127.0.0.1:4002/graphql'),
  INSURANCE_PENSION_URL: url('http://127.0.0.1:4003/graphql'),
  CONSENT_URL: url('http://127.0.0.1:4004/graphql'),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(200_000),
});

export type GatewayConfig = z.infer<typeof gatewayEnv>;
export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig => loadConfig(gatewayEnv, env);

/** Subgraph name (as composed into the supergraph) → URL. */
export const subgraphUrls = (c: GatewayConfig): Record<string, string> => ({
  membership: c.MEMBERSHIP_URL,
  training: c.TRAINING_URL,
  'insurance-pension': c.INSURANCE_PENSION_URL,
  consent: c.CONSENT_URL,
});
