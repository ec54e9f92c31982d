import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, importPKCS8, SignJWT, type JWK } from 'jose';
import {
  createAssertionSigner,
  parseAssertionPrivateKey,
  SUBGRAPH_SECRET_HEADER,
  VIEWER_ASSERTION_HEADER,
  type Viewer,
} from '@mamis/platform';
import { SUBGRAPHS } from '../services';

/** The audience the gateway expects in access tokens (gateway OIDC_AUDIENCE default). */
export const ACCESS_TOKEN_AUDIENCE = 'urn:mamis:gateway';

/**
 * The trust material of one benchmark run, made fresh per run as production would configure it:
 * an ES256 viewer-assertion key pair (the gateways sign, the subgraphs verify), one random secret
 * per subgraph, and a stand-in OIDC issuer (ES256 key, JWKS + discovery on 127.0.0.1) that mints
 * the access tokens the identity service would issue.
 */
export interface Trust {
  assertionPrivateKeyPem: string;
  assertionPublicKeyPem: string;
  secrets: Record<string, string>;
  issuer: string;
  jwksUrl: string;
  /** The issuer's public JWKS as JSON (given to Hive Gateway so both verify the same way). */
  jwksJson: string;
  /** An access token for a viewer (valid `ttlSeconds`, default 1 h: a benchmark outlives 5 min). */
  accessToken(viewer: Viewer, ttlSeconds?: number): Promise<string>;
  /** Headers that make a direct subgraph call trusted (a fresh assertion, valid 60 s). */
  subgraphHeaders(subgraph: string, viewer: Viewer): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function createTrust(): Promise<Trust> {
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const assertionPrivateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const assertionPublicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const secrets = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, randomBytes(32).toString('base64url')]));
  const signer = createAssertionSigner({
    privateKey: parseAssertionPrivateKey(assertionPrivateKeyPem),
    ttlSeconds: 60,
  });

  const issuerPair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const issuerPem = issuerPair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const issuerKey = await importPKCS8(issuerPem, 'ES256');
  const jwk: JWK = { ...(await exportJWK(issuerPair.publicKey)), kid: 'bench-1', alg: 'ES256', use: 'sig' };
  const jwksJson = JSON.stringify({ keys: [jwk] });
  let issuer = '';
  const server = http.createServer((req, res) => {
    if (req.url === '/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(jwksJson);
    }
    if (req.url === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    }
    if (req.url === '/internal/revocations') {
      // the identity service's revocation feed, read by the gateway for every request (empty here)
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"entries":[]}');
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    assertionPrivateKeyPem,
    assertionPublicKeyPem,
    secrets,
    issuer,
    jwksUrl: `${issuer}/jwks`,
    jwksJson,
    async accessToken(viewer, ttlSeconds = 3600) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        kind: viewer.kind,
        ...(viewer.personId ? { person_id: viewer.personId } : {}),
        ...(viewer.associationId ? { association_id: viewer.associationId } : {}),
        ...(viewer.associationTier ? { association_tier: viewer.associationTier } : {}),
        ...(viewer.role ? { role: viewer.role } : {}),
        ...(viewer.scopes.length ? { scope: viewer.scopes.join(' ') } : {}),
        ...(viewer.acceptedTermsVersion ? { terms_version: viewer.acceptedTermsVersion } : {}),
      })
        .setProtectedHeader({ alg: 'ES256', kid: 'bench-1', typ: 'at+jwt' })
        .setIssuer(issuer)
        .setAudience(ACCESS_TOKEN_AUDIENCE)
        .setSubject(viewer.sub ?? 'bench')
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .sign(issuerKey);
    },
    async subgraphHeaders(subgraph, viewer) {
      return {
        [SUBGRAPH_SECRET_HEADER]: secrets[subgraph]!,
        [VIEWER_ASSERTION_HEADER]: await signer.sign(viewer, subgraph),
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
