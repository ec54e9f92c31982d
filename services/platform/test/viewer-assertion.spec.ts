import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { ConfigError } from '../src/config';
import {
  assertionVerifierFromConfig,
  createAssertionSigner,
  createAssertionVerifier,
  devAssertionKeyPair,
  devSubgraphSecret,
  isDevAssertionKey,
  parseAssertionPrivateKey,
  publicJwkOf,
  SUBGRAPH_SECRET_HEADER,
  SubgraphAuthError,
  VIEWER_ASSERTION_HEADER,
} from '../src/viewer-assertion';
import type { Viewer } from '../src/viewer';

const staff: Viewer = {
  kind: 'STAFF',
  sub: 'acc-1',
  associationId: 'a1',
  associationTier: 'PREFECTURAL',
  role: 'ADMIN',
  scopes: [],
};
const SECRET = 'a-secret-of-at-least-thirty-two-characters';

const ecPair = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

async function verifierFor(audience: string, publicKey = ecPair().publicKey) {
  return createAssertionVerifier({
    audience,
    secret: SECRET,
    keys: { keys: [await publicJwkOf(publicKey)] },
  });
}

describe('viewer assertions', () => {
  it('round-trips the viewer for the subgraph it was signed for', async () => {
    const { privateKey, publicKey } = ecPair();
    const token = await createAssertionSigner({ privateKey, ttlSeconds: 30 }).sign(staff, 'membership');
    const viewer = await (
      await verifierFor('membership', publicKey)
    ).verify({
      [SUBGRAPH_SECRET_HEADER]: SECRET,
      [VIEWER_ASSERTION_HEADER]: token,
    });
    expect(viewer).toEqual(staff);
  });

  it('also works with Ed25519 (EdDSA)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const token = await createAssertionSigner({ privateKey }).sign(staff, 'consent');
    await expect(
      (await verifierFor('consent', publicKey)).verify({
        [SUBGRAPH_SECRET_HEADER]: SECRET,
        [VIEWER_ASSERTION_HEADER]: token,
      }),
    ).resolves.toEqual(staff);
  });

  it('refuses: no secret, wrong secret, no assertion, another audience, another key, too long-lived, expired', async () => {
    const { privateKey, publicKey } = ecPair();
    const verifier = await verifierFor('membership', publicKey);
    const signer = createAssertionSigner({ privateKey });
    const good = await signer.sign(staff, 'membership');
    // verified once (and remembered): the refusals below must not be answered from memory
    await expect(
      verifier.verify({ [SUBGRAPH_SECRET_HEADER]: SECRET, [VIEWER_ASSERTION_HEADER]: good }),
    ).resolves.toEqual(staff);
    const cases: Record<string, Record<string, string | undefined>> = {
      'no secret': { [VIEWER_ASSERTION_HEADER]: good },
      'wrong secret': { [SUBGRAPH_SECRET_HEADER]: `${SECRET}x`, [VIEWER_ASSERTION_HEADER]: good },
      'no assertion': { [SUBGRAPH_SECRET_HEADER]: SECRET },
      'replayed to another subgraph': {
        [SUBGRAPH_SECRET_HEADER]: SECRET,
        [VIEWER_ASSERTION_HEADER]: await signer.sign(staff, 'training'),
      },
      'signed by another key': {
        [SUBGRAPH_SECRET_HEADER]: SECRET,
        [VIEWER_ASSERTION_HEADER]: await createAssertionSigner({ privateKey: ecPair().privateKey }).sign(
          staff,
          'membership',
        ),
      },
      'lives longer than 60 s': {
        [SUBGRAPH_SECRET_HEADER]: SECRET,
        [VIEWER_ASSERTION_HEADER]: await new SignJWT({ viewer: staff })
          .setProtectedHeader({ alg: 'ES256', typ: 'mamis-viewer+jwt' })
          .setIssuer('mamis-gateway')
          .setAudience('membership')
          .setIssuedAt()
          .setExpirationTime('10m')
          .setJti('x')
          .sign(privateKey),
      },
      expired: {
        [SUBGRAPH_SECRET_HEADER]: SECRET,
        [VIEWER_ASSERTION_HEADER]: await new SignJWT({ viewer: staff })
          .setProtectedHeader({ alg: 'ES256', typ: 'mamis-viewer+jwt' })
          .setIssuer('mamis-gateway')
          .setAudience('membership')
          .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
          .setJti('x')
          .sign(privateKey),
      },
      'alg none': {
        [SUBGRAPH_SECRET_HEADER]: SECRET,
        [VIEWER_ASSERTION_HEADER]: `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'mamis-viewer+jwt' })).toString('base64url')}.${good.split('.')[1]}.`,
      },
      'garbage viewer': {
        [SUBGRAPH_SECRET_HEADER]: SECRET,
        [VIEWER_ASSERTION_HEADER]: await new SignJWT({ viewer: { kind: 'ROOT', scopes: [] } })
          .setProtectedHeader({ alg: 'ES256', typ: 'mamis-viewer+jwt' })
          .setIssuer('mamis-gateway')
          .setAudience('membership')
          .setIssuedAt()
          .setExpirationTime('30s')
          .setJti('x')
          .sign(privateKey),
      },
    };
    for (const [name, headers] of Object.entries(cases)) {
      await expect(verifier.verify(headers).then(() => name)).rejects.toBeInstanceOf(SubgraphAuthError);
    }
  });

  it('remembers a verified assertion until its exp, never past what verifying it again would accept; the secret is checked every time; the viewer cannot be changed', async () => {
    const { privateKey, publicKey } = ecPair();
    const verifier = await verifierFor('membership', publicKey);
    const token = await createAssertionSigner({ privateKey, ttlSeconds: 30 }).sign(staff, 'membership');
    const headers = { [SUBGRAPH_SECRET_HEADER]: SECRET, [VIEWER_ASSERTION_HEADER]: token };
    const first = await verifier.verify(headers);
    expect(await verifier.verify(headers)).toBe(first);
    expect(() => {
      (first as { role?: string }).role = 'CLERK';
    }).toThrow(TypeError);
    expect(() => (first.scopes as string[]).push('analytics:aggregate')).toThrow(TypeError);
    await expect(
      verifier.verify({ [SUBGRAPH_SECRET_HEADER]: `${SECRET}x`, [VIEWER_ASSERTION_HEADER]: token }),
    ).rejects.toBeInstanceOf(SubgraphAuthError);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    // only Date is faked (jose reads the time with `new Date()`), past exp and the clock tolerance
    jest.useFakeTimers({
      now: (exp + 6) * 1000,
      doNotFake: [
        'nextTick',
        'setImmediate',
        'queueMicrotask',
        'setTimeout',
        'setInterval',
        'clearTimeout',
        'clearInterval',
        'clearImmediate',
      ],
    });
    try {
      await expect(verifier.verify(headers)).rejects.toBeInstanceOf(SubgraphAuthError);
    } finally {
      jest.useRealTimers();
    }
  });

  it('caps the lifetime at 60 s', () => {
    expect(createAssertionSigner({ privateKey: ecPair().privateKey, ttlSeconds: 600 }).ttlSeconds).toBe(60);
  });
});

describe('development defaults and production refusal', () => {
  it('derives the same dev key pair and per-subgraph secrets in every process', async () => {
    // a fixed value: every process (gateway, subgraphs, any version of them) derives this same key
    expect(devAssertionKeyPair().publicKey.export({ type: 'spki', format: 'pem' }))
      .toBe(`-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAELjxgfFDz+bKqZF+4Bv5btlJCFj92
sDp7DPttX9ka2LXhYTfqzPPwmS75ifjV70CK32FLBtxqYKBfgvyGlPAa/g==
-----END PUBLIC KEY-----
`);
    expect(devSubgraphSecret('membership')).toBe(devSubgraphSecret('membership'));
    expect(devSubgraphSecret('membership')).not.toBe(devSubgraphSecret('training'));
    // a subgraph with no configuration accepts what the dev gateway signs
    const verifier = await assertionVerifierFromConfig('training', { NODE_ENV: 'development' });
    const token = await createAssertionSigner({ privateKey: devAssertionKeyPair().privateKey }).sign(
      staff,
      'training',
    );
    await expect(
      verifier.verify({
        [SUBGRAPH_SECRET_HEADER]: devSubgraphSecret('training'),
        [VIEWER_ASSERTION_HEADER]: token,
      }),
    ).resolves.toEqual(staff);
  });

  it('requires a secret and a key in production and refuses the dev ones', async () => {
    await expect(assertionVerifierFromConfig('training', { NODE_ENV: 'production' })).rejects.toThrow(
      ConfigError,
    );
    const devPem = devAssertionKeyPair().publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await expect(
      assertionVerifierFromConfig('training', {
        NODE_ENV: 'production',
        SUBGRAPH_SECRET: SECRET,
        GATEWAY_ASSERTION_PUBLIC_KEY: devPem,
      }),
    ).rejects.toThrow(/development key is refused/);
    await expect(
      assertionVerifierFromConfig('training', {
        NODE_ENV: 'production',
        SUBGRAPH_SECRET: devSubgraphSecret('training'),
        GATEWAY_ASSERTION_PUBLIC_KEY: ecPair().publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      }),
    ).rejects.toThrow(/development or placeholder secret is refused/);
    const pem = ecPair().publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await expect(
      assertionVerifierFromConfig('training', {
        NODE_ENV: 'production',
        SUBGRAPH_SECRET: SECRET,
        GATEWAY_ASSERTION_PUBLIC_KEY: pem,
      }),
    ).resolves.toBeDefined();
  });

  it('reads keys from PEM (with \\n escapes), JWK and JWKS', async () => {
    const { privateKey, publicKey } = ecPair();
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(isDevAssertionKey(parseAssertionPrivateKey(pem.replace(/\n/g, '\\n')))).toBe(false);
    expect(
      isDevAssertionKey(
        parseAssertionPrivateKey(JSON.stringify(devAssertionKeyPair().privateKey.export({ format: 'jwk' }))),
      ),
    ).toBe(true);
    const jwks = JSON.stringify({ keys: [await publicJwkOf(publicKey)] });
    const verifier = await assertionVerifierFromConfig('consent', {
      NODE_ENV: 'production',
      SUBGRAPH_SECRET: SECRET,
      GATEWAY_ASSERTION_JWKS: jwks,
    });
    const token = await createAssertionSigner({ privateKey }).sign(staff, 'consent');
    await expect(
      verifier.verify({ [SUBGRAPH_SECRET_HEADER]: SECRET, [VIEWER_ASSERTION_HEADER]: token }),
    ).resolves.toEqual(staff);
    expect(() =>
      parseAssertionPrivateKey(
        generateKeyPairSync('rsa', { modulusLength: 2048 })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      ),
    ).toThrow(/P-256|Ed25519/);
  });
});
