// Hive Gateway (npm @graphql-hive/gateway) as the benchmark's peer (and, with the Rust planner, its stronger one), on the same supergraph and the
// same subgraphs as our gateway. To be served at all, every subgraph call must carry what our
// gateway sends (gateway/src/subgraph-data-source.ts): the subgraph's shared secret and a viewer
// assertion signed for that subgraph (services/platform/src/viewer-assertion.ts). This config does
// the same work per request as ours: it verifies the client's access token (ES256, the issuer's
// JWKS) and mints ONE assertion per subgraph per client request (ES256), with the viewer the token
// carries. It does NOT do what ours does besides: rate limiting, the terms-of-use gate, operation
// limits (depth/cost), metrics, APQ. Configured by the harness through HIVE_BENCH_* variables.
import { createHash, createPublicKey, randomUUID } from 'node:crypto';
import { defineConfig } from '@graphql-hive/gateway';
import { createLocalJWKSet, importPKCS8, jwtVerify, SignJWT } from 'jose';

const env = process.env;
const secrets = JSON.parse(env.HIVE_BENCH_SECRETS ?? '{}');
const keySet = createLocalJWKSet(JSON.parse(env.HIVE_BENCH_JWKS ?? '{"keys":[]}'));
const assertionPem = env.HIVE_BENCH_ASSERTION_KEY ?? '';
const assertionKey = importPKCS8(assertionPem, 'ES256');
const kid = createHash('sha256')
  .update(createPublicKey(assertionPem).export({ type: 'spki', format: 'der' }))
  .digest('hex')
  .slice(0, 16);

const ANONYMOUS = { kind: 'ANONYMOUS', scopes: [] };

/** Claims → Viewer, as gateway/src/auth.ts viewerFromClaims does. */
function viewerFromClaims(c) {
  const scopes = [...(c.scope ? String(c.scope).split(' ').filter(Boolean) : []), ...(c.scp ?? [])];
  return {
    kind: c.kind,
    sub: c.sub,
    scopes: [...new Set(scopes)],
    ...(c.person_id ? { personId: c.person_id } : {}),
    ...(c.association_id ? { associationId: c.association_id } : {}),
    ...(c.association_tier ? { associationTier: c.association_tier } : {}),
    ...(c.role ? { role: c.role } : {}),
    ...(c.sysadmin ? { sysadmin: true } : {}),
    ...(c.terms_version ? { acceptedTermsVersion: c.terms_version } : {}),
  };
}

async function viewerOf(request) {
  const header = request.headers.get('authorization');
  if (!header) return ANONYMOUS;
  const token = /^Bearer +(\S+)$/i.exec(header)?.[1];
  if (!token) throw new Error('malformed authorization header');
  const { payload } = await jwtVerify(token, keySet, {
    issuer: env.HIVE_BENCH_ISSUER,
    audience: env.HIVE_BENCH_AUDIENCE,
    algorithms: ['ES256', 'EdDSA'],
    requiredClaims: ['exp', 'sub'],
  });
  return viewerFromClaims(payload);
}

async function sign(viewer, audience) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ viewer })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'mamis-viewer+jwt' })
    .setIssuer('mamis-gateway')
    .setAudience(audience)
    .setSubject(viewer.sub ?? 'anonymous')
    .setIssuedAt(now)
    .setExpirationTime(now + 30)
    .setJti(randomUUID())
    .sign(await assertionKey);
}

/** Per client request: the viewer (token verified once) and one assertion per subgraph. */
const perRequest = new WeakMap();

// HIVE_BENCH_ROUTER_RUNTIME: the stronger peer — the same gateway with Hive Router's Rust query
// planner and its executor (npm @graphql-hive/router-runtime, a native addon shipped in the tarball)
const routerRuntime = env.HIVE_BENCH_ROUTER_RUNTIME
  ? { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler }
  : {};

export const gatewayConfig = defineConfig({
  ...routerRuntime,
  supergraph: env.HIVE_BENCH_SUPERGRAPH,
  logging: env.HIVE_BENCH_LOG_LEVEL ?? 'error',
  graphiql: false,
  landingPage: false,
  propagateHeaders: {
    async fromClientToSubgraphs({ request, subgraphName }) {
      let entry = perRequest.get(request);
      if (!entry) {
        entry = { viewer: viewerOf(request), assertions: new Map() };
        perRequest.set(request, entry);
      }
      let assertion = entry.assertions.get(subgraphName);
      if (!assertion) {
        assertion = entry.viewer.then((viewer) => sign(viewer, subgraphName));
        entry.assertions.set(subgraphName, assertion);
      }
      return { 'x-subgraph-secret': secrets[subgraphName], 'x-viewer-assertion': await assertion };
    },
  },
});
