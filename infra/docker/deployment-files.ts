/**
 * The shipped deployment files, parsed: docker-compose.yml (YAML merge keys resolved, variables
 * not yet interpolated) and the Kubernetes manifests under infra/k8s. Shared by the specs that
 * check them (compose.spec.ts, deployment-config.spec.ts); no Docker engine or cluster is needed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const root = path.resolve(__dirname, '../..');
export const COMPOSE_FILE = path.join(root, 'docker-compose.yml');
export const K8S_DIR = path.join(root, 'infra/k8s');

/** Folders under services/ that are libraries, not runnable services (even with a src/index.ts). */
const LIBRARIES = new Set(['platform']);

// ---- compose types (only what is checked) ------------------------------------------------------
export interface Healthcheck {
  test?: string | string[];
  disable?: boolean;
}
export interface Build {
  context?: string;
  dockerfile?: string;
  target?: string;
  args?: Record<string, string> | string[];
}
export type DependsOn = string[] | Record<string, { condition?: string }>;
export interface ComposeService {
  image?: string;
  build?: string | Build;
  healthcheck?: Healthcheck;
  depends_on?: DependsOn;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { target?: number; published?: number | string })[];
  expose?: (string | number)[];
  restart?: string;
}
export interface ComposeFile {
  services?: Record<string, ComposeService>;
}

/** docker-compose.yml as compose reads it before interpolation (anchors and `<<` merged). */
export const loadComposeDocument = (): unknown =>
  parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as unknown;

export const loadCompose = (): ComposeFile => loadComposeDocument() as ComposeFile;

/** The runnable services: `services/<name>` with a `src/index.ts` (libraries excepted), and the gateway. */
export function runnableServices(): string[] {
  const dir = path.join(root, 'services');
  const names = readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .filter((name) => !LIBRARIES.has(name) && existsSync(path.join(dir, name, 'src/index.ts')));
  return [...names.sort(), 'gateway'];
}

/** A compose `environment` / `args` (map or `KEY=value` list) as a map of strings. */
export const mapOf = (value: Record<string, unknown> | string[] | undefined): Record<string, string> => {
  if (!value) return {};
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((entry) => [entry.split('=')[0]!, entry.split('=').slice(1).join('=')]),
    );
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v == null ? '' : String(v)]));
};

// ---- Kubernetes ----------------------------------------------------------------------------------
export interface K8sProbe {
  httpGet?: { path?: string; port?: number | string };
}
export interface K8sEnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}
export interface K8sEnvFrom {
  configMapRef?: { name: string };
  secretRef?: { name: string };
}
export interface K8sContainer {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort: number }[];
  env?: K8sEnvVar[];
  envFrom?: K8sEnvFrom[];
  readinessProbe?: K8sProbe;
  livenessProbe?: K8sProbe;
  resources?: { requests?: { cpu?: string; memory?: string } };
}
export interface K8sPodSpec {
  containers?: K8sContainer[];
  restartPolicy?: string;
  securityContext?: { runAsNonRoot?: boolean };
}
export interface K8sIngressBackend {
  service?: { name?: string; port?: { name?: string; number?: number } };
}
export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  spec?: {
    template?: { spec?: K8sPodSpec };
    ports?: { name?: string; port: number; targetPort?: number | string }[];
    rules?: { host?: string; http?: { paths?: { path?: string; backend?: K8sIngressBackend }[] } }[];
    tls?: { hosts?: string[]; secretName?: string }[];
  };
  resources?: string[];
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** Every document of every manifest under infra/k8s, with the file it came from. */
export function loadK8s(): { file: string; obj: K8sObject }[] {
  const out: { file: string; obj: K8sObject }[] = [];
  for (const file of readdirSync(K8S_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    for (const doc of parseAllDocuments(readFileSync(path.join(K8S_DIR, file), 'utf8'))) {
      if (doc.errors.length > 0)
        throw new Error(`infra/k8s/${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      const obj = doc.toJS() as K8sObject | null;
      if (obj) out.push({ file, obj });
    }
  }
  return out;
}
