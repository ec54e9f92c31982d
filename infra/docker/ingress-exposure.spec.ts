/**
 * What the Ingress of infra/k8s exposes to the internet : the public
 * entry points of the gateway and identity are reachable; the cluster-internal ones are not —
 * identity's revocation feed (`/internal/revocations`, read by the gateways with
 * REVOCATION_FEED_SECRET), `/metrics` and the liveness/readiness probes of every service.
 *
 * Paths are matched as the Ingress API defines it: `Exact` only the path itself, `Prefix` the
 * path and everything below it element by element (`/` therefore everything);
 * `ImplementationSpecific` is refused (its meaning depends on the controller).
 */
import { REVOCATION_FEED_PATH } from '@mamis/platform';
import { type K8sObject, loadK8s } from './deployment-files';

interface Route {
  host: string;
  path: string;
  pathType: string;
  service: string;
}

type IngressPath = {
  path?: string;
  pathType?: string;
  backend?: { service?: { name?: string } };
};

function routes(): Route[] {
  const ingresses = loadK8s()
    .map((o) => o.obj)
    .filter((o: K8sObject) => o.kind === 'Ingress');
  expect(ingresses.length).toBeGreaterThan(0);
  return ingresses.flatMap((ing) =>
    (ing.spec?.rules ?? []).flatMap((rule) =>
      ((rule.http?.paths ?? []) as IngressPath[]).map((p) => ({
        host: rule.host ?? '*',
        path: p.path ?? '/',
        pathType: p.pathType ?? '(none)',
        service: p.backend?.service?.name ?? '(none)',
      })),
    ),
  );
}

/** Does the route take a request for `path` (Ingress path matching)? */
function matches(route: Route, path: string): boolean {
  if (route.pathType === 'Exact') return path === route.path;
  // Prefix: element-wise, a trailing slash ignored
  const prefix = route.path.replace(/\/+$/, '');
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

const reachable = (service: string, path: string) =>
  routes().filter((r) => r.service === service && matches(r, path));

/** Paths only other workloads of the cluster (or the kubelet) may call, per Service. */
const INTERNAL: Record<string, string[]> = {
  identity: [
    REVOCATION_FEED_PATH,
    `${REVOCATION_FEED_PATH}/`,
    '/internal',
    '/healthz',
    '/readyz',
    '/metrics',
  ],
  gateway: ['/metrics', '/healthz', '/readyz', '/internal/anything'],
};

/** What browsers, clients and relying parties must reach (services/identity/README.md). */
const PUBLIC: Record<string, string[]> = {
  identity: [
    '/.well-known/openid-configuration',
    '/jwks',
    '/auth',
    '/auth/resume-uid',
    '/token',
    '/token/revocation',
    '/token/introspection',
    '/session/end',
    '/session/end/confirm',
    '/request',
    '/interaction/uid-1',
    '/interaction/uid-1/login',
    '/invitation/token-1',
    '/password/forgot',
    '/password/reset/token-1',
    '/joint-use-notice',
    '/manage/me',
    '/manage/assistants',
  ],
  gateway: [
    '/graphql',
    '/calendar/00000000-0000-4000-8000-000000000000.ics',
    '/documents/signed-token.signature',
    '/dues-documents/signed-token.signature',
  ],
};

describe('infra/k8s ingress: only the public entry points are exposed', () => {
  it('uses only Exact and Prefix paths (no controller-specific matching)', () => {
    expect(routes().filter((r) => r.pathType !== 'Exact' && r.pathType !== 'Prefix')).toEqual([]);
  });

  it.each(Object.entries(INTERNAL).flatMap(([service, paths]) => paths.map((p) => [service, p])))(
    'does not route %s %s from outside the cluster',
    (service, path) => {
      expect(reachable(service, path)).toEqual([]);
    },
  );

  it.each(Object.entries(PUBLIC).flatMap(([service, paths]) => paths.map((p) => [service, p])))(
    'routes %s %s',
    (service, path) => {
      expect(reachable(service, path).length).toBeGreaterThan(0);
    },
  );

  it('routes nothing to the subgraphs or the database', () => {
    expect(
      routes()
        .map((r) => r.service)
        .filter((s) => s !== 'gateway' && s !== 'identity'),
    ).toEqual([]);
  });
});
