import { z } from 'zod';
import { clockAtProblem, clockShiftProblem } from './clock';
import { tracingEnv } from './tracing';

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parse the environment with a zod schema and report EVERY problem at once
 * (not just the first), each with the variable name.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(root)';
    return `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/**
 * The clock setting (see clock.ts): test and development only. Validated here so a typo is reported
 * with every other problem; clock.ts refuses both with NODE_ENV=production when the process starts.
 */
export const clockSettingsEnv = {
  MAMIS_CLOCK_SHIFT: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      const problem = v === undefined || v === '' ? null : clockShiftProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  MAMIS_CLOCK_AT: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      const problem = v === undefined || v === '' ? null : clockAtProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
};

/**
 * The subgraphs that answer `Statistics` aggregates (membership, training, insurance-pension):
 * where those aggregate statements go. DATABASE_READ_URL is a streaming read replica of the primary
 * (the service's own role; the replica has the same roles, schemas and row security); unset or
 * empty: the aggregates run on the primary pool (DATABASE_URL) like everything else. Only the
 * aggregate statements go there (subgraph.ts, `analyticsReads`): the population decision, the
 * disclosure guard and its audit, writes and every other read stay on the primary.
 */
export const analyticsReadEnv = {
  DATABASE_READ_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (a read replica of DATABASE_URL)')
      .optional(),
  ),
};

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** Variables every service shares. */
export const serviceEnv = (defaultPort: number) =>
  z.object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port(defaultPort),
    DATABASE_URL: z
      .string({ message: 'required: the PostgreSQL URL of this service’s own database role' })
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /**
     * Send a request's parameterised statements as named prepared statements (parsed once per
     * connection; PostgreSQL may then keep a generic plan): `off` sends each one unnamed, parsed and
     * planned every time (for comparing the two in benchmarks).
     */
    DB_PREPARED_STATEMENTS: z.enum(['on', 'off']).default('on'),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
    /**
     * The longest a statement of a request may run (PostgreSQL `statement_timeout`, set with the
     * viewer). The gateway stops waiting for a subgraph after its SUBGRAPH_TIMEOUT_MS (5 s): keep
     * the two equal, so a statement does not go on after its answer can no longer be delivered
     * (and a write the client saw fail is rolled back). Background jobs are not bounded. 0: off.
     */
    STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
    /**
     * Trusted gateway calls (see viewer-assertion.ts): this subgraph's shared secret (header
     * `x-subgraph-secret`) and the gateway's public assertion key(s) — a JWKS as JSON, or one SPKI
     * PEM. Optional in development/test (a derived dev secret and dev key are used), REQUIRED in
     * production (checked when a subgraph starts).
     */
    SUBGRAPH_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    GATEWAY_ASSERTION_JWKS: z.string().min(1).optional(),
    GATEWAY_ASSERTION_PUBLIC_KEY: z.string().min(1).optional(),
    /**
     * Bearer token Prometheus presents (`Authorization: Bearer <token>`) to read `/metrics`; unset:
     * the path is open (development and test only). REQUIRED in production (checked when the
     * service starts, `metricsTokenProblems`).
     */
    METRICS_TOKEN: z.string().min(32, 'at least 32 characters').optional(),
    /** Benchmark-only (W5 shield on/off): `yes` serves WITHOUT access rules. Refused in production. */
    BENCH_ONLY_DISABLE_ACCESS_SHIELD: z.enum(['yes', 'no']).default('no'),
    /** Statistics: minimum cell count / population (disclosure control), per deployment. */
    STATISTICS_K: z.coerce.number().int().min(2).max(1000).default(10),
    /** Statistics: how many days back the differencing control compares a requester's queries. */
    STATISTICS_DIFFERENCING_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    ...clockSettingsEnv,
    /**
     * OpenTelemetry traces (tracing.ts): off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. Read and
     * started by the service's `src/tracing.ts` before anything loads; validated here as well.
     */
    ...tracingEnv,
  });

export type ServiceEnv = z.infer<ReturnType<typeof serviceEnv>>;
