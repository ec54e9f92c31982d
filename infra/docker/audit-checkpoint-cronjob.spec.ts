/**
 * The audit checkpoint CronJob of infra/k8s (README "Audit checkpoints"): it is deployed (listed
 * in kustomization.yaml), runs the bundled `audit:checkpoint` command of the migrate image, and
 * its environment — placeholders replaced by values of the right shape, as
 * deployment-config.spec.ts does for the services — passes the command's own configuration in
 * production. The signing key comes from a Secret that nothing else mounts (not the services, not
 * the migrate Job, not the database's Secret), and the checkpoint file lies on a claim of its own.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { checkpointSigningKey, loadAuditCheckpointConfig, auditCheckpointEnv } from '@mamis/platform';
import { K8S_DIR, type K8sEnvVar, loadK8s, root } from './deployment-files';

interface PodSpec {
  containers?: {
    name: string;
    image?: string;
    command?: string[];
    env?: K8sEnvVar[];
    envFrom?: unknown[];
    volumeMounts?: { name: string; mountPath: string }[];
  }[];
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string }; emptyDir?: unknown }[];
}
interface Workload {
  kind?: string;
  metadata?: { name?: string };
  spec?: {
    schedule?: string;
    concurrencyPolicy?: string;
    template?: { spec?: PodSpec };
    jobTemplate?: { spec?: { template?: { spec?: PodSpec } } };
  };
  stringData?: Record<string, string>;
}

const objects = loadK8s();
const all = objects.map((o) => o.obj as unknown as Workload);
const cronJob = all.find((o) => o.kind === 'CronJob' && o.metadata?.name === 'mamis-audit-checkpoint');
const pod = cronJob?.spec?.jobTemplate?.spec?.template?.spec;
const container = pod?.containers?.find((c) => c.name === 'audit-checkpoint');
const secret = (name: string) =>
  all.find((o) => o.kind === 'Secret' && o.metadata?.name === name)?.stringData;

/** A deployment's value for a placeholder: the signing key as an Ed25519 PKCS#8 PEM, else random. */
const realistic = (key: string, value: string) =>
  !value.includes('REPLACE_ME')
    ? value
    : key === 'AUDIT_CHECKPOINT_KEY'
      ? generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
      : value.replace(/REPLACE_ME[A-Za-z0-9_.~-]*/g, () => randomBytes(24).toString('hex'));

/** The container's environment as the cluster resolves it (`placeholders`: keep them). */
function environment(placeholders = false): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of container?.env ?? []) {
    const ref = e.valueFrom?.secretKeyRef;
    if (e.value !== undefined) env[e.name] = e.value;
    else if (ref) {
      const value = secret(ref.name)?.[ref.key];
      if (value === undefined) throw new Error(`${e.name}: no Secret ${ref.name} with key ${ref.key}`);
      env[e.name] = placeholders ? value : realistic(ref.key, value);
    } else throw new Error(`${e.name}: neither a value nor a Secret reference`);
  }
  return env;
}

describe('infra/k8s audit checkpoint CronJob', () => {
  it('is deployed: listed in kustomization.yaml', () => {
    const kustomization = parse(readFileSync(path.join(K8S_DIR, 'kustomization.yaml'), 'utf8')) as {
      resources: string[];
    };
    const file = objects.find((o) => o.obj === (cronJob as unknown))?.file;
    expect(file).toBeDefined();
    expect(kustomization.resources).toContain(file);
  });

  it('runs the bundled audit:checkpoint command of the migrate image, one run at a time', () => {
    expect(container?.image).toMatch(/^mamis\/migrate:/);
    expect(container?.command).toEqual(['node', 'dist/audit-checkpoint.js']);
    // the infra bundle builds that file from infra/db/audit-checkpoint.ts
    expect(readFileSync(path.join(root, 'infra/build/bundle.mjs'), 'utf8')).toMatch(
      /'audit-checkpoint': 'db\/audit-checkpoint\.ts'/,
    );
    expect(cronJob?.spec?.schedule).toBeTruthy();
    expect(cronJob?.spec?.concurrencyPolicy).toBe('Forbid');
  });

  it('is configured so that the command signs in production, with no setting it does not read', () => {
    const env = environment();
    expect(env.NODE_ENV).toBe('production');
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\//);
    const read = new Set([...Object.keys(auditCheckpointEnv.shape), 'DATABASE_URL']);
    expect(Object.keys(env).filter((k) => !read.has(k))).toEqual([]);
    const config = loadAuditCheckpointConfig(env);
    expect(checkpointSigningKey(config).asymmetricKeyType).toBe('ed25519');
    // the shipped placeholder (and no key at all) is refused: a deployment must provide the key
    expect(() => checkpointSigningKey(loadAuditCheckpointConfig(environment(true)))).toThrow();
    const { AUDIT_CHECKPOINT_KEY: _key, ...withoutKey } = env;
    expect(() => checkpointSigningKey(loadAuditCheckpointConfig(withoutKey))).toThrow(
      /required in production/,
    );
  });

  it('takes the signing key from a Secret of its own that no other workload mounts', () => {
    const ref = container?.env?.find((e) => e.name === 'AUDIT_CHECKPOINT_KEY')?.valueFrom?.secretKeyRef;
    expect(ref).toBeDefined();
    expect(ref!.name).not.toBe('mamis-secrets');
    expect(Object.keys(secret('mamis-secrets') ?? {})).not.toContain('AUDIT_CHECKPOINT_KEY');
    // no Deployment or Job (the services, the migrate Job) refers to that Secret
    const others = objects
      .filter((o) => o.obj !== (cronJob as unknown) && o.obj.kind !== 'Secret')
      .filter((o) => JSON.stringify(o.obj).includes(`"${ref!.name}"`))
      .map((o) => `${o.obj.kind}/${o.obj.metadata?.name}`);
    expect(others).toEqual([]);
  });

  it('appends to a checkpoint file on a persistent claim of its own, not on a scratch volume', () => {
    const file = environment().AUDIT_CHECKPOINT_FILE;
    expect(file).toMatch(/^\//);
    const mount = container?.volumeMounts?.find((m) =>
      file!.startsWith(`${m.mountPath.replace(/\/$/, '')}/`),
    );
    expect(mount).toBeDefined();
    const volume = pod?.volumes?.find((v) => v.name === mount!.name);
    const claim = volume?.persistentVolumeClaim?.claimName;
    expect(claim).toBeDefined();
    expect(all.some((o) => o.kind === 'PersistentVolumeClaim' && o.metadata?.name === claim)).toBe(true);
    const mountedBy = objects
      .filter((o) => o.obj.kind !== 'PersistentVolumeClaim')
      .filter((o) => JSON.stringify(o.obj).includes(`"claimName":"${claim}"`))
      .map((o) => `${o.obj.kind}/${o.obj.metadata?.name}`);
    expect(mountedBy).toEqual(['CronJob/mamis-audit-checkpoint']);
  });
});
