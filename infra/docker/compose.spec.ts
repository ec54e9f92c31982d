/**
 * Deployment files stay in step with the code: docker-compose.yml, infra/docker/Dockerfile and
 * the Kubernetes manifests under infra/k8s, checked against the service folders and the registry
 * (infra/services.ts). No Docker engine or cluster is needed: the files are parsed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DB_SERVICES, GATEWAY_PORT, SUBGRAPHS, roleOf } from '../services';
import {
  type Build,
  type ComposeService,
  type K8sContainer,
  K8S_DIR,
  loadCompose,
  loadComposeDocument,
  loadK8s,
  mapOf,
  root,
  runnableServices,
} from './deployment-files';
import { composeSchemaProblems } from './compose-schema';
import { SERVICE_NODE_FLAGS } from '../dev/process-runner';

/**
 * Compose services that run once and exit: no healthcheck (there is nothing long-running to
 * probe); their dependants wait for `service_completed_successfully` instead.
 */
const ONE_SHOT: Record<string, string> = {
  migrate: 'database bootstrap (roles, schemas, migrations, grants), exits when done',
};

/** Throw one error naming every problem (a plain `expect` would only show a diff). */
function expectNoProblems(problems: string[], what: string) {
  if (problems.length > 0) throw new Error(`${what}:\n  - ${problems.join('\n  - ')}`);
}

const buildOf = (svc: ComposeService): Build | undefined =>
  typeof svc.build === 'string' ? { context: svc.build } : svc.build;

const dependsOnOf = (svc: ComposeService): Record<string, string> => {
  const d = svc.depends_on;
  if (!d) return {};
  if (Array.isArray(d)) return Object.fromEntries(d.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(d).map(([name, v]) => [name, v?.condition ?? 'service_started']));
};

const hasHealthcheck = (svc: ComposeService) => {
  const test = svc.healthcheck?.test;
  if (!test || svc.healthcheck?.disable) return false;
  const list = Array.isArray(test) ? test : [test];
  return list.length > 0 && list[0] !== 'NONE';
};

/** Container ports a compose service publishes or exposes. */
const containerPortsOf = (svc: ComposeService): number[] => [
  ...(svc.ports ?? []).map((p) =>
    typeof p === 'object' ? Number(p.target) : Number(String(p).split(':').pop()!.split('/')[0]),
  ),
  ...(svc.expose ?? []).map((p) => Number(String(p).split('/')[0])),
];

/** Stage names of a Dockerfile (`FROM … AS <name>`). */
const stagesOf = (dockerfile: string): string[] =>
  [...readFileSync(dockerfile, 'utf8').matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) =>
    m[1]!.toLowerCase(),
  );

/** The registry: every service with a port (the gateway included). */
const PORTS: Record<string, number> = {
  ...Object.fromEntries(DB_SERVICES.map((s) => [s.name, s.port])),
  gateway: GATEWAY_PORT,
};

describe('docker-compose.yml', () => {
  const compose = loadCompose();
  const services = compose.services ?? {};
  const names = Object.keys(services);

  it('has a compose service for every runnable service folder and the gateway', () => {
    const missing = runnableServices().filter((name) => !services[name]);
    expectNoProblems(
      missing.map(
        (name) =>
          `${name}: no service '${name}' in docker-compose.yml (folder ${name === 'gateway' ? 'gateway' : `services/${name}`} has src/index.ts)`,
      ),
      'docker-compose.yml is missing services',
    );
  });

  it('gives every long-running service a healthcheck (one-shot services excepted)', () => {
    const problems: string[] = [];
    for (const [name, svc] of Object.entries(services)) {
      if (ONE_SHOT[name]) {
        if (svc.restart !== 'no')
          problems.push(`${name}: a one-shot service (${ONE_SHOT[name]}) must have restart: "no"`);
        continue;
      }
      if (!hasHealthcheck(svc)) problems.push(`${name}: no healthcheck`);
    }
    expectNoProblems(problems, 'compose services without a healthcheck');
  });

  it('builds from contexts, Dockerfiles, targets and workspace folders that exist', () => {
    const problems: string[] = [];
    for (const [name, svc] of Object.entries(services)) {
      const build = buildOf(svc);
      if (!build) {
        if (!svc.image) problems.push(`${name}: neither build nor image`);
        continue;
      }
      const context = path.resolve(root, build.context ?? '.');
      if (!existsSync(context) || !statSync(context).isDirectory()) {
        problems.push(`${name}: build.context ${build.context} does not exist`);
        continue;
      }
      const dockerfile = path.resolve(context, build.dockerfile ?? 'Dockerfile');
      if (!existsSync(dockerfile)) {
        problems.push(`${name}: Dockerfile ${path.relative(root, dockerfile)} does not exist`);
        continue;
      }
      if (build.target && !stagesOf(dockerfile).includes(build.target.toLowerCase())) {
        problems.push(
          `${name}: build.target '${build.target}' is not a stage of ${path.relative(root, dockerfile)}`,
        );
      }
      const args = mapOf(build.args);
      if (args.SERVICE !== undefined) {
        const workspace = path.resolve(context, args.SERVICE);
        if (!existsSync(path.join(workspace, 'package.json'))) {
          problems.push(
            `${name}: build arg SERVICE=${args.SERVICE} is not a workspace folder (no package.json)`,
          );
        } else if (build.target === 'service' && !existsSync(path.join(workspace, 'src/index.ts'))) {
          problems.push(`${name}: ${args.SERVICE}/src/index.ts (the bundle entry) does not exist yet`);
        }
      }
    }
    expectNoProblems(problems, 'compose build problems');
  });

  it("runs the image's services with the V8 flags the dev runner and the benchmark use", () => {
    const dockerfile = readFileSync(path.join(root, 'infra/docker/Dockerfile'), 'utf8');
    const options = /NODE_OPTIONS="?([^"\n]*)"?/.exec(dockerfile)?.[1]?.split(/\s+/) ?? [];
    expect(options).toEqual(expect.arrayContaining([...SERVICE_NODE_FLAGS]));
  });

  it('depends only on services that exist, with conditions they can meet', () => {
    const problems: string[] = [];
    for (const [name, svc] of Object.entries(services)) {
      for (const [target, condition] of Object.entries(dependsOnOf(svc))) {
        const dep = services[target];
        if (!dep) {
          problems.push(`${name}: depends_on '${target}', which is not a compose service`);
        } else if (condition === 'service_healthy' && !hasHealthcheck(dep)) {
          problems.push(`${name}: waits for '${target}' to be healthy, but it has no healthcheck`);
        } else if (condition === 'service_completed_successfully' && !ONE_SHOT[target]) {
          problems.push(`${name}: waits for long-running '${target}' to complete`);
        } else if (ONE_SHOT[target] && condition !== 'service_completed_successfully') {
          problems.push(
            `${name}: must wait for one-shot '${target}' with condition service_completed_successfully`,
          );
        } else if (
          !['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition)
        ) {
          problems.push(`${name}: unknown depends_on condition '${condition}' for '${target}'`);
        }
      }
    }
    expectNoProblems(problems, 'compose depends_on problems');
  });

  it('starts every database service after the migrate service completed', () => {
    const problems = DB_SERVICES.filter((s) => services[s.name])
      .filter((s) => dependsOnOf(services[s.name]!).migrate !== 'service_completed_successfully')
      .map((s) => `${s.name}: does not wait for migrate (service_completed_successfully)`);
    expectNoProblems(problems, 'services that may start before their schema exists');
  });

  it('starts the gateway after all four subgraphs are healthy', () => {
    const gateway = services.gateway;
    expect(gateway).toBeDefined();
    const deps = dependsOnOf(gateway!);
    const problems = SUBGRAPHS.filter((s) => deps[s.name] !== 'service_healthy').map(
      (s) =>
        `gateway: depends_on ${s.name} is ${deps[s.name] ? `'${deps[s.name]}'` : 'missing'}, want service_healthy`,
    );
    expectNoProblems(problems, 'gateway start order');
  });

  it('uses the ports, URLs and database roles of infra/services.ts', () => {
    const problems: string[] = [];
    for (const [name, port] of Object.entries(PORTS)) {
      const svc = services[name];
      if (!svc) continue; // reported by the first test when the folder exists
      const env = mapOf(svc.environment);
      const args = mapOf(buildOf(svc)?.args);
      if (env.PORT !== String(port))
        problems.push(`${name}: environment PORT=${env.PORT ?? '(unset)'}, registry port ${port}`);
      if (args.PORT !== undefined && args.PORT !== String(port))
        problems.push(`${name}: build arg PORT=${args.PORT}, registry port ${port}`);
      if (env.HOST !== '0.0.0.0')
        problems.push(`${name}: HOST must be 0.0.0.0 in a container (is ${env.HOST ?? 'unset'})`);
      const wrong = containerPortsOf(svc).filter((p) => p !== port);
      if (wrong.length > 0)
        problems.push(
          `${name}: ports/expose name container port(s) ${wrong.join(', ')}, registry port ${port}`,
        );
    }
    const gatewayEnv = mapOf(services.gateway?.environment);
    for (const s of SUBGRAPHS) {
      const want = `http://${s.name}:${s.port}/graphql`;
      if (gatewayEnv[s.urlEnv] !== want)
        problems.push(`gateway: ${s.urlEnv}=${gatewayEnv[s.urlEnv] ?? '(unset)'}, want ${want}`);
    }
    if (!(services.gateway?.ports ?? []).some((p) => String(p) === `${GATEWAY_PORT}:${GATEWAY_PORT}`)) {
      problems.push(`gateway: not published on ${GATEWAY_PORT} ("${GATEWAY_PORT}:${GATEWAY_PORT}")`);
    }
    // Each service logs in as its own role, with the password migrate gave that role.
    const migrateEnv = mapOf(services.migrate?.environment);
    for (const s of DB_SERVICES) {
      const svc = services[s.name];
      if (!svc) continue;
      const url = mapOf(svc.environment).DATABASE_URL ?? '';
      const m = /^postgres(?:ql)?:\/\/([^:@/]+):(.+)@([^@/]+)\/(.+)$/.exec(url);
      const passwordVar = `DB_PASSWORD_${s.schema.toUpperCase()}`;
      if (!m) {
        problems.push(`${s.name}: DATABASE_URL '${url}' is not postgres://<role>:<password>@<host>/<db>`);
      } else {
        if (m[1] !== roleOf(s.schema))
          problems.push(`${s.name}: DATABASE_URL logs in as ${m[1]}, want its own role ${roleOf(s.schema)}`);
        if (migrateEnv[passwordVar] !== m[2]) {
          problems.push(
            `${s.name}: the DATABASE_URL password '${m[2]}' differs from migrate's ${passwordVar} '${migrateEnv[passwordVar] ?? '(unset)'}'`,
          );
        }
      }
    }
    expectNoProblems(problems, 'compose disagrees with infra/services.ts');
  });

  it('points every URL at a compose service (or at localhost: what the host publishes)', () => {
    const problems: string[] = [];
    for (const [name, svc] of Object.entries(services)) {
      for (const [key, raw] of Object.entries(mapOf(svc.environment))) {
        // the value compose uses when the variable is not set
        const value = raw.replace(/\$\{[A-Z0-9_]+:?-([^}]*)\}/g, '$1');
        const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^:/?#]+)/.exec(value)?.[1];
        if (host && host !== 'localhost' && !services[host])
          problems.push(`${name}: ${key} points at '${host}', which is not a compose service`);
      }
    }
    expectNoProblems(problems, 'URLs to hosts compose does not run');
  });

  it('takes every secret from the environment, with placeholders marked REPLACE_ME', () => {
    const problems: string[] = [];
    const secretName = /PASSWORD|SECRET|TOKEN|PRIVATE|AUTH|JWKS|_KEYS?$/;
    for (const [name, svc] of Object.entries(services)) {
      for (const [key, value] of Object.entries(mapOf(svc.environment))) {
        const inUrl = /^[a-z]+:\/\/[^:@/]*:(.+)@[^@/]+(\/.*)?$/.exec(value)?.[1];
        // a URL (e.g. OIDC_JWKS_URL) is a secret only through the password it embeds
        const secret = secretName.test(key) && !key.endsWith('_URL') ? value : inUrl;
        if (secret === undefined) continue;
        if (!/^\$\{[A-Z0-9_]+(:-REPLACE_ME[^}]*|:\?[^}]*)?\}$/.test(secret)) {
          problems.push(`${name}: ${key} holds a literal secret; use \${VAR:-REPLACE_ME-…} (or \${VAR:?…})`);
        }
      }
    }
    expectNoProblems(problems, 'secrets written into docker-compose.yml');
  });

  // The Compose Specification's JSON schema (what `docker compose config` validates against,
  // see compose-schema.ts): no Docker tool needed, and a violation fails the test.
  it('is valid against the Compose Specification JSON schema', () => {
    expectNoProblems(
      composeSchemaProblems(loadComposeDocument()),
      'docker-compose.yml violates the Compose Specification',
    );
    expect(names.length).toBeGreaterThan(0);
  });

  it('rejects a copy that violates the Compose Specification (the validation is real)', () => {
    type Doc = { services: Record<string, Record<string, unknown>>; [key: string]: unknown };
    const broken = structuredClone(loadComposeDocument()) as Doc;
    broken.services.gateway!.enviroment = { PORT: '4000' }; // misspelt key
    broken.services.postgres!.restart = ['always']; // wrong type
    broken.services.gateway!.depends_on = { membership: { condition: 'service_ready' } }; // unknown value
    broken.networks = []; // top-level mapping given as a list
    const problems = composeSchemaProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        "/services/gateway: must NOT have additional properties 'enviroment'",
        '/services/postgres/restart: must be string',
        expect.stringMatching(
          /^\/services\/gateway\/depends_on\/membership\/condition: must be equal to one of the allowed values/,
        ),
        '/networks: must be object',
      ]),
    );
    expect(composeSchemaProblems(loadComposeDocument())).toEqual([]);
  });
});

// ---- Kubernetes ----------------------------------------------------------------------------------
describe('infra/k8s', () => {
  const objects = loadK8s();
  const find = (kind: string, name: string) =>
    objects.find((o) => o.obj.kind === kind && o.obj.metadata?.name === name)?.obj;
  const portOf = (c: K8sContainer, port: number | string | undefined) =>
    typeof port === 'number' ? port : c.ports?.find((p) => p.name === port)?.containerPort;

  it('has a Deployment and a Service for every runnable service, with probes and resource requests', () => {
    const problems: string[] = [];
    for (const name of runnableServices()) {
      const deployment = find('Deployment', name);
      const service = find('Service', name);
      const want = PORTS[name];
      if (!deployment) problems.push(`${name}: no Deployment '${name}' in infra/k8s`);
      if (!service) problems.push(`${name}: no Service '${name}' in infra/k8s`);
      if (!deployment) continue;
      const pod = deployment.spec?.template?.spec;
      const container = pod?.containers?.find((c) => c.name === name) ?? pod?.containers?.[0];
      if (!container) {
        problems.push(`${name}: Deployment has no container`);
        continue;
      }
      const containerPort = container.ports?.[0]?.containerPort;
      if (want !== undefined && containerPort !== want)
        problems.push(`${name}: containerPort ${containerPort}, registry port ${want}`);
      const portEnv = container.env?.find((e) => e.name === 'PORT')?.value;
      if (want !== undefined && portEnv !== String(want))
        problems.push(`${name}: env PORT=${portEnv ?? '(unset)'}, registry port ${want}`);
      for (const [probe, pathWanted] of [
        ['readinessProbe', '/readyz'],
        ['livenessProbe', '/healthz'],
      ] as const) {
        const get = container[probe]?.httpGet;
        if (!get) {
          problems.push(`${name}: no ${probe}`);
        } else {
          if (get.path !== pathWanted)
            problems.push(`${name}: ${probe} probes ${get.path}, want ${pathWanted}`);
          if (portOf(container, get.port) !== containerPort)
            problems.push(`${name}: ${probe} port ${get.port} is not the container port`);
        }
      }
      if (!container.resources?.requests?.cpu || !container.resources.requests.memory) {
        problems.push(`${name}: no resources.requests (cpu and memory)`);
      }
      if (pod?.securityContext?.runAsNonRoot !== true)
        problems.push(`${name}: pod securityContext.runAsNonRoot is not true`);
      if (service) {
        const sp = service.spec?.ports?.[0];
        if (want !== undefined && sp?.port !== want)
          problems.push(`${name}: Service port ${sp?.port}, registry port ${want}`);
        if (sp && portOf(container, sp.targetPort ?? sp.port) !== containerPort) {
          problems.push(`${name}: Service targetPort ${sp.targetPort} is not the container port`);
        }
      }
    }
    expectNoProblems(problems, 'Kubernetes manifests are missing or incomplete');
  });

  it('gives every Deployment the settings its compose service has (production refuses to start without them)', () => {
    const compose = loadCompose();
    const config = Object.keys(find('ConfigMap', 'mamis-config')?.data ?? {});
    const secrets = new Set(Object.keys(find('Secret', 'mamis-secrets')?.stringData ?? {}));
    const problems: string[] = [];
    for (const name of runnableServices()) {
      const container = find('Deployment', name)?.spec?.template?.spec?.containers?.[0];
      if (!container) continue; // reported by the test above
      const have = new Set([...config, ...(container.env ?? []).map((e) => e.name)]);
      for (const key of Object.keys(mapOf(compose.services?.[name]?.environment)))
        if (!have.has(key)) problems.push(`${name}: no env ${key} (compose sets it)`);
      for (const e of (container.env ?? []) as {
        name: string;
        valueFrom?: { secretKeyRef?: { key: string } };
      }[]) {
        const ref = e.valueFrom?.secretKeyRef?.key;
        if (ref && !secrets.has(ref))
          problems.push(`${name}: env ${e.name} refers to a missing secret key ${ref}`);
      }
    }
    expectNoProblems(problems, 'Kubernetes Deployments lack settings');
  });

  it('runs the database bootstrap as a Job', () => {
    const job = objects.find((o) => o.obj.kind === 'Job')?.obj;
    expect(job).toBeDefined();
    const pod = job!.spec?.template?.spec;
    expect(['Never', 'OnFailure']).toContain(pod?.restartPolicy);
    const env = pod?.containers?.[0]?.env?.map((e) => e.name) ?? [];
    const missing = [
      'DATABASE_ADMIN_URL',
      ...DB_SERVICES.map((s) => `DB_PASSWORD_${s.schema.toUpperCase()}`),
    ].filter((name) => !env.includes(name));
    expectNoProblems(
      missing.map((name) => `migrate Job: no env ${name}`),
      'migrate Job incomplete',
    );
  });

  it('routes the Ingress hosts to the gateway and identity Services (identity at its issuer)', () => {
    const ingress = objects.find((o) => o.obj.kind === 'Ingress')?.obj;
    expect(ingress).toBeDefined();
    const problems: string[] = [];
    const routed = new Set<string>();
    const tlsHosts = new Set((ingress!.spec?.tls ?? []).flatMap((t) => t.hosts ?? []));
    for (const rule of ingress!.spec?.rules ?? []) {
      if (!rule.host || !tlsHosts.has(rule.host)) problems.push(`host ${rule.host}: not covered by spec.tls`);
      for (const p of rule.http?.paths ?? []) {
        const backend = p.backend?.service;
        const service = find('Service', backend?.name ?? '');
        const port = service?.spec?.ports?.find((sp) =>
          backend?.port?.name ? sp.name === backend.port.name : sp.port === backend?.port?.number,
        );
        if (!service) problems.push(`${rule.host}${p.path}: no Service '${backend?.name}'`);
        else if (!port) problems.push(`${rule.host}${p.path}: Service ${backend?.name} has no such port`);
        else routed.add(backend!.name!);
      }
    }
    for (const name of ['gateway', 'identity'])
      if (!routed.has(name)) problems.push(`${name}: not reachable through the Ingress`);
    const issuer = find('Deployment', 'identity')?.spec?.template?.spec?.containers?.[0]?.env?.find(
      (e) => e.name === 'IDENTITY_ISSUER',
    )?.value;
    const identityHosts = (ingress!.spec?.rules ?? [])
      // the issuer's host serves identity's discovery document (only public paths are routed)
      .filter((r) =>
        r.http?.paths?.some(
          (p) => p.backend?.service?.name === 'identity' && p.path === '/.well-known/openid-configuration',
        ),
      )
      .map((r) => `https://${r.host}`);
    if (!issuer || !identityHosts.includes(issuer))
      problems.push(
        `identity: IDENTITY_ISSUER ${issuer} is not an Ingress host serving identity's discovery`,
      );
    expectNoProblems(problems, 'Ingress');
  });

  it('autoscales every service (HPA: at least 2 pods, a CPU target) and keeps one through disruptions (PDB)', () => {
    interface Scaling {
      scaleTargetRef?: { kind?: string; name?: string };
      minReplicas?: number;
      maxReplicas?: number;
      metrics?: { resource?: { name?: string } }[];
      minAvailable?: number;
      selector?: { matchLabels?: Record<string, string> };
      replicas?: number;
    }
    const specOf = (kind: string, name: string) => find(kind, name)?.spec as Scaling | undefined;
    const problems: string[] = [];
    for (const name of runnableServices()) {
      const hpa = specOf('HorizontalPodAutoscaler', name);
      if (!hpa) problems.push(`${name}: no HorizontalPodAutoscaler`);
      else {
        if (hpa.scaleTargetRef?.kind !== 'Deployment' || hpa.scaleTargetRef.name !== name)
          problems.push(`${name}: the HPA does not scale Deployment ${name}`);
        if ((hpa.minReplicas ?? 1) < 2) problems.push(`${name}: HPA minReplicas below 2`);
        if ((hpa.maxReplicas ?? 0) < (hpa.minReplicas ?? 1))
          problems.push(`${name}: HPA maxReplicas below min`);
        if (!hpa.metrics?.some((m) => m.resource?.name === 'cpu'))
          problems.push(`${name}: HPA has no CPU target`);
      }
      if (specOf('Deployment', name)?.replicas !== undefined)
        problems.push(`${name}: Deployment sets replicas (its HPA's to decide; apply would reset it)`);
      const pdb = specOf('PodDisruptionBudget', name);
      if (!pdb) problems.push(`${name}: no PodDisruptionBudget`);
      else if (pdb.minAvailable !== 1 || pdb.selector?.matchLabels?.['app.kubernetes.io/name'] !== name)
        problems.push(`${name}: the PDB does not keep one pod of ${name}`);
    }
    expectNoProblems(problems, 'autoscaling');
  });

  it('lists every manifest in kustomization.yaml', () => {
    const kustomization = objects.find((o) => o.obj.kind === 'Kustomization')?.obj;
    expect(kustomization).toBeDefined();
    const listed = new Set(kustomization!.resources ?? []);
    const files = [...new Set(objects.filter((o) => o.obj.kind !== 'Kustomization').map((o) => o.file))];
    expectNoProblems(
      files.filter((f) => !listed.has(f)).map((f) => `${f}: not in infra/k8s/kustomization.yaml resources`),
      'manifests kubectl apply -k would skip',
    );
    const dangling = [...listed].filter((f) => !existsSync(path.join(K8S_DIR, f)));
    expectNoProblems(
      dangling.map((f) => `${f}: listed in kustomization.yaml but missing`),
      'kustomization.yaml',
    );
  });
});
