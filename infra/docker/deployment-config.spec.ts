/**
 * Shipped configurations start: every service configured exactly as docker-compose.yml and the
 * Deployments under infra/k8s configure it passes its own configuration checks in production (its
 * zod schema through `loadConfig`, and the production checks it runs when it starts). A setting a
 * service does not read is an error too: it is a typo or a leftover that deceives the reader.
 *
 * Secrets are placeholders in the files (`REPLACE_ME-…`, which production refuses); here they are
 * replaced by generated values of the right shape (keys, key sets, ≥ 32-character secrets), the
 * same value wherever the same variable or secret key is used.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { z } from 'zod';
import {
  CLOCK_AT_ENV,
  CLOCK_SHIFT_ENV,
  ConfigError,
  assertionVerifierFromConfig,
  isDevAssertionKey,
  metricsTokenProblems,
  parseAssertionPrivateKey,
} from '@mamis/platform';
import { gatewayEnv, loadGatewayConfig, productionProblems } from '@mamis/gateway/src/config';
import { membershipEnv, loadMembershipConfig } from '@mamis/membership/src/config';
import { trainingEnv, loadTrainingConfig } from '@mamis/training/src/config';
import { insurancePensionEnv, loadInsurancePensionConfig } from '@mamis/insurance-pension/src/config';
import { consentEnv, loadConsentConfig } from '@mamis/consent/src/config';
import { identityEnv, loadIdentityConfig } from '@mamis/identity/src/config';
import { generateSigningKey, loadKeys } from '@mamis/identity/src/auth/keys';
import { type K8sObject, loadCompose, loadK8s, mapOf, runnableServices } from './deployment-files';

type Env = Record<string, string>;

// ---- what each service checks when it starts ----------------------------------------------------
interface ServiceCheck {
  /** The variables the service reads (its zod schema's keys). */
  schema: z.ZodObject<z.ZodRawShape>;
  /** Throws (ConfigError or Error) where the service would refuse to start. */
  check(env: Env): Promise<void>;
}

/**
 * A subgraph: its schema, then the assertion verifier it builds and the metrics token it checks
 * before connecting (subgraph.ts).
 */
const subgraph = (
  name: string,
  schema: z.ZodObject<z.ZodRawShape>,
  load: (env: Env) => Parameters<typeof assertionVerifierFromConfig>[1],
): ServiceCheck => ({
  schema,
  check: async (env) => {
    const config = load(env);
    await assertionVerifierFromConfig(name, config);
    const problems = metricsTokenProblems(config);
    if (problems.length) throw new ConfigError(problems);
  },
});

const SERVICES: Record<string, ServiceCheck> = {
  membership: subgraph('membership', membershipEnv, loadMembershipConfig),
  training: subgraph('training', trainingEnv, loadTrainingConfig),
  'insurance-pension': subgraph('insurance-pension', insurancePensionEnv, loadInsurancePensionConfig),
  consent: subgraph('consent', consentEnv, loadConsentConfig),
  identity: {
    schema: identityEnv,
    check: async (env) => {
      const config = loadIdentityConfig(env);
      if (config.NODE_ENV !== 'production') return;
      // auth/keys.ts: configured keys, no development ones (only production: it never writes files)
      loadKeys(config);
      // server.ts createServer: the terms of use come from consent
      const missing = (
        ['CONSENT_URL', 'CONSENT_SUBGRAPH_SECRET', 'IDENTITY_ASSERTION_PRIVATE_KEY'] as const
      ).filter((key) => !config[key]);
      if (missing.length) throw new ConfigError(missing.map((key) => `${key}: required in production`));
      parseAssertionPrivateKey(config.IDENTITY_ASSERTION_PRIVATE_KEY!);
    },
  },
  gateway: {
    schema: gatewayEnv,
    check: async (env) => {
      const config = loadGatewayConfig(env);
      const problems = productionProblems(config);
      if (problems.length) throw new ConfigError(problems);
      // server.ts assertionKey: a configured key parses and is not the development key
      if (config.GATEWAY_ASSERTION_PRIVATE_KEY) {
        const key = parseAssertionPrivateKey(config.GATEWAY_ASSERTION_PRIVATE_KEY);
        if (config.NODE_ENV === 'production' && isDevAssertionKey(key))
          throw new ConfigError([
            'GATEWAY_ASSERTION_PRIVATE_KEY: the development key is refused in production',
          ]);
      }
    },
  },
};

/** Variables whose removal must stop the service in production (its documented requirements). */
const REQUIRED: Record<string, string[]> = {
  membership: ['DATABASE_URL', 'SUBGRAPH_SECRET', 'GATEWAY_ASSERTION_JWKS', 'METRICS_TOKEN'],
  training: ['DATABASE_URL', 'SUBGRAPH_SECRET', 'GATEWAY_ASSERTION_JWKS', 'METRICS_TOKEN'],
  'insurance-pension': ['DATABASE_URL', 'SUBGRAPH_SECRET', 'GATEWAY_ASSERTION_JWKS'],
  consent: ['DATABASE_URL', 'SUBGRAPH_SECRET', 'GATEWAY_ASSERTION_JWKS', 'METRICS_TOKEN'],
  identity: [
    'DATABASE_URL',
    'IDENTITY_ISSUER',
    'IDENTITY_JWKS',
    'IDENTITY_COOKIE_KEYS',
    'IDENTITY_DATA_KEY',
    'CONSENT_URL',
    'CONSENT_SUBGRAPH_SECRET',
    'IDENTITY_ASSERTION_PRIVATE_KEY',
    'METRICS_TOKEN',
  ],
  gateway: [
    'OIDC_ISSUER',
    'GATEWAY_ASSERTION_PRIVATE_KEY',
    'METRICS_TOKEN',
    'MEMBERSHIP_SUBGRAPH_SECRET',
    'TRAINING_SUBGRAPH_SECRET',
    'INSURANCE_PENSION_SUBGRAPH_SECRET',
    'CONSENT_SUBGRAPH_SECRET',
  ],
};

/** Test-only settings (platform clock.ts): never part of a deployment. */
const TEST_ONLY = [CLOCK_SHIFT_ENV, CLOCK_AT_ENV];

/** Every reason `service` configured with `env` would not start; empty when it starts. */
async function problemsOf(service: string, env: Env): Promise<string[]> {
  const { schema, check } = SERVICES[service]!;
  const problems = Object.keys(env)
    .filter((key) => !(key in schema.shape))
    .map((key) => `${key}: not a setting of ${service} (set but never read)`);
  // platform clock.ts, when the process loads it: the test-only clock is refused in production
  if (env.NODE_ENV === 'production')
    for (const key of TEST_ONLY.filter((k) => env[k]))
      problems.push(`${key}: refused with NODE_ENV=production (test and development only)`);
  try {
    await check(env);
  } catch (err) {
    if (err instanceof ConfigError) problems.push(...err.problems);
    else problems.push((err as Error).message);
  }
  return problems;
}

// ---- placeholders → values of the right shape ---------------------------------------------------
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const ecKeyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ASSERTION_KEYS = { gateway: ecKeyPair(), identity: ecKeyPair() };
const pemOf = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicJwks = (...pairs: { publicKey: KeyObject }[]) =>
  JSON.stringify({
    keys: pairs.map((p, i) => ({
      ...p.publicKey.export({ format: 'jwk' }),
      kid: `k${i}`,
      alg: 'ES256',
      use: 'sig',
    })),
  });

/** Variables (compose) or Secret keys (k8s) whose placeholder stands for a structured value. */
const SHAPES: Record<string, () => string> = {
  GATEWAY_ASSERTION_PRIVATE_KEY: () => pemOf(ASSERTION_KEYS.gateway.privateKey),
  IDENTITY_ASSERTION_PRIVATE_KEY: () => pemOf(ASSERTION_KEYS.identity.privateKey),
  GATEWAY_ASSERTION_JWKS: () => publicJwks(ASSERTION_KEYS.gateway),
  CONSENT_ASSERTION_JWKS: () => publicJwks(ASSERTION_KEYS.gateway, ASSERTION_KEYS.identity),
  IDENTITY_JWKS: () => JSON.stringify({ keys: [generateSigningKey('prod-2026-01')] }),
  IDENTITY_COOKIE_KEYS: () => `${hex(24)},${hex(24)}`,
  IDENTITY_DATA_KEY: () => randomBytes(32).toString('base64'),
};

const PLACEHOLDER = /REPLACE_ME[A-Za-z0-9_.~-]*/g;
const shaped = new Map<string, string>();
const tokens = new Map<string, string>();
const memo = (map: Map<string, string>, key: string, make: () => string) => {
  if (!map.has(key)) map.set(key, make());
  return map.get(key)!;
};

/**
 * The value a deployment puts where `value` holds a placeholder: a structured value for the names
 * in SHAPES, otherwise each `REPLACE_ME…` token becomes a 48-character random secret (the same
 * token the same secret, so a password in a URL matches the password variable).
 */
function realistic(name: string, value: string): string {
  if (!value.includes('REPLACE_ME')) return value;
  const shape = SHAPES[name];
  if (shape) return memo(shaped, name, shape);
  return value.replace(PLACEHOLDER, (token) => memo(tokens, token, () => hex(24)));
}

// ---- docker-compose.yml --------------------------------------------------------------------------
/** Compose interpolation (`${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `$$`) with an empty shell environment. */
function interpolate(value: string, problems: string[], where: string): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced?: string, op?: string, arg?: string, bare?: string) => {
      if (match === '$$') return '$';
      const variable = (braced ?? bare)!;
      if (op?.endsWith('-')) return realistic(variable, arg ?? '');
      if (op?.endsWith('?')) return realistic(variable, 'REPLACE_ME');
      problems.push(`${where}: \${${variable}} has no default (compose would pass an empty value)`);
      return '';
    },
  );
}

function composeEnvironments(): { env: Record<string, Env>; problems: string[] } {
  const services = loadCompose().services ?? {};
  const problems: string[] = [];
  const env: Record<string, Env> = {};
  for (const name of Object.keys(SERVICES)) {
    const svc = services[name];
    if (!svc) {
      problems.push(`${name}: no compose service`);
      continue;
    }
    env[name] = Object.fromEntries(
      Object.entries(mapOf(svc.environment)).map(([key, value]) => [
        key,
        interpolate(value, problems, `${name} ${key}`),
      ]),
    );
  }
  return { env, problems };
}

// ---- infra/k8s -----------------------------------------------------------------------------------
function k8sEnvironments(): { env: Record<string, Env>; problems: string[] } {
  const objects = loadK8s().map((o) => o.obj);
  const find = (kind: string, name: string): K8sObject | undefined =>
    objects.find((o) => o.kind === kind && o.metadata?.name === name);
  const problems: string[] = [];
  const configMap = (name: string, where: string) => {
    const data = find('ConfigMap', name)?.data;
    if (!data) problems.push(`${where}: no ConfigMap ${name}`);
    return data ?? {};
  };
  const secret = (name: string, where: string) => {
    const data = find('Secret', name)?.stringData;
    if (!data) problems.push(`${where}: no Secret ${name}`);
    return Object.fromEntries(Object.entries(data ?? {}).map(([key, value]) => [key, realistic(key, value)]));
  };
  const env: Record<string, Env> = {};
  for (const name of Object.keys(SERVICES)) {
    const container = find('Deployment', name)?.spec?.template?.spec?.containers?.find(
      (c) => c.name === name,
    );
    if (!container) {
      problems.push(`${name}: no Deployment with a container '${name}'`);
      continue;
    }
    const vars: Env = {};
    for (const from of container.envFrom ?? []) {
      if (from.configMapRef) Object.assign(vars, configMap(from.configMapRef.name, name));
      if (from.secretRef) Object.assign(vars, secret(from.secretRef.name, name));
    }
    for (const e of container.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
      if (e.value !== undefined) vars[e.name] = e.value;
      else if (ref) {
        const data = e.valueFrom?.secretKeyRef
          ? secret(ref.name, `${name} ${e.name}`)
          : configMap(ref.name, `${name} ${e.name}`);
        if (data[ref.key] === undefined)
          problems.push(`${name} ${e.name}: ${ref.name} has no key ${ref.key}`);
        else vars[e.name] = data[ref.key]!;
      } else problems.push(`${name} ${e.name}: neither value nor a secret/configMap reference`);
    }
    env[name] = vars;
  }
  return { env, problems };
}

// ---- the tests -----------------------------------------------------------------------------------
function expectNoProblems(problems: string[], what: string) {
  if (problems.length > 0) throw new Error(`${what}:\n  - ${problems.join('\n  - ')}`);
}

/** Each variable whose removal makes the service refuse to start. */
async function requiredOf(service: string, env: Env): Promise<string[]> {
  const required: string[] = [];
  for (const key of Object.keys(env)) {
    const { [key]: _dropped, ...rest } = env;
    if ((await problemsOf(service, rest)).length > 0) required.push(key);
  }
  return required;
}

it('checks every runnable service', () => {
  expect(Object.keys(SERVICES).sort()).toEqual(runnableServices().sort());
});

describe.each([
  ['docker-compose.yml', composeEnvironments],
  ['infra/k8s', k8sEnvironments],
])('%s', (_file, environments) => {
  const { env, problems: fileProblems } = environments();

  it('resolves every service environment', () => {
    expectNoProblems(fileProblems, 'unresolved settings');
  });

  it('configures every service so that it starts in production, with no setting it does not read', async () => {
    const problems: string[] = [];
    for (const [service, vars] of Object.entries(env)) {
      if (vars.NODE_ENV !== 'production') problems.push(`${service}: NODE_ENV=${vars.NODE_ENV ?? '(unset)'}`);
      for (const p of await problemsOf(service, vars)) problems.push(`${service}: ${p}`);
    }
    expectNoProblems(problems, 'services that would not start as configured');
  });

  it('sets no test-only setting (MAMIS_CLOCK_*)', () => {
    const problems = Object.entries(env).flatMap(([service, vars]) =>
      TEST_ONLY.filter((key) => key in vars).map((key) => `${service}: sets ${key}`),
    );
    expectNoProblems(problems, 'test-only settings in a deployment');
  });

  it('stops each service when one of its required settings is removed', async () => {
    const problems: string[] = [];
    for (const [service, vars] of Object.entries(env)) {
      const required = await requiredOf(service, vars);
      if (required.length === 0) problems.push(`${service}: starts whatever setting is removed`);
      for (const key of REQUIRED[service]!.filter((k) => !required.includes(k)))
        problems.push(`${service}: still starts without ${key}${key in vars ? '' : ' (not set at all)'}`);
    }
    expectNoProblems(problems, 'the check does not see missing settings');
  });

  it('wires the services to one another (issuer, subgraph secrets, assertion keys)', async () => {
    const problems: string[] = [];
    const gateway = env.gateway ?? {};
    const identity = env.identity ?? {};
    if (gateway.OIDC_ISSUER !== identity.IDENTITY_ISSUER)
      problems.push(
        `gateway OIDC_ISSUER ${gateway.OIDC_ISSUER} ≠ identity IDENTITY_ISSUER ${identity.IDENTITY_ISSUER}`,
      );
    for (const service of ['membership', 'training', 'insurance-pension', 'consent']) {
      const variable = `${service.toUpperCase().replace(/-/g, '_')}_SUBGRAPH_SECRET`;
      if (env[service]?.SUBGRAPH_SECRET !== gateway[variable])
        problems.push(`${service} SUBGRAPH_SECRET differs from the gateway's ${variable}`);
      const trusted = JSON.stringify(JSON.parse(env[service]?.GATEWAY_ASSERTION_JWKS ?? '{"keys":[]}'));
      const signers: [string, string | undefined][] = [['gateway', gateway.GATEWAY_ASSERTION_PRIVATE_KEY]];
      if (service === 'consent') signers.push(['identity', identity.IDENTITY_ASSERTION_PRIVATE_KEY]);
      for (const [signer, pem] of signers) {
        const { x } = parseAssertionPrivateKey(pem ?? '').export({ format: 'jwk' });
        if (!trusted.includes(`"x":"${x}"`))
          problems.push(
            `${service} GATEWAY_ASSERTION_JWKS lacks the public key of ${signer}'s assertion key`,
          );
      }
    }
    if (identity.CONSENT_SUBGRAPH_SECRET !== env.consent?.SUBGRAPH_SECRET)
      problems.push("identity CONSENT_SUBGRAPH_SECRET differs from consent's SUBGRAPH_SECRET");
    expectNoProblems(problems, 'services that would not trust one another');
  });
});

describe('the check itself', () => {
  const { env } = composeEnvironments();

  it('reports a setting the service does not read', async () => {
    const problems = await problemsOf('gateway', { ...env.gateway, IDENTITY_URL: 'http://identity:4010' });
    expect(problems).toEqual(['IDENTITY_URL: not a setting of gateway (set but never read)']);
  });

  it('refuses a placeholder secret in production', async () => {
    const problems = await problemsOf('membership', {
      ...env.membership,
      SUBGRAPH_SECRET: 'REPLACE_ME-x'.padEnd(40, 'x'),
    });
    expect(problems).toEqual([
      'SUBGRAPH_SECRET: a development or placeholder secret is refused in production',
    ]);
  });

  it('refuses the test-only clock settings in production', async () => {
    const problems = await problemsOf('training', { ...env.training, MAMIS_CLOCK_SHIFT: '+1y' });
    expect(problems).toEqual([
      'MAMIS_CLOCK_SHIFT: refused with NODE_ENV=production (test and development only)',
    ]);
  });
});
