import type http from 'node:http';
import { generateKeyPair, SignJWT } from 'jose';
import { createLogger, HttpError } from '@mamis/platform';
import { createTokenVerifier, viewerFromClaims } from '../src/auth';
import { accessGatePlugin, rootFieldNames } from '../src/access-gate';
import { parse, type OperationDefinitionNode } from 'graphql';
import { startTestIssuer, TEST_AUDIENCE, type TestIssuer } from '../../test/support/oidc';

const log = createLogger('test', 'silent');
const req = (authorization?: string) =>
  ({ headers: authorization === undefined ? {} : { authorization } }) as http.IncomingMessage;

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('access tokens', () => {
  let issuer: TestIssuer;
  let verifier: ReturnType<typeof createTokenVerifier>;
  const staffClaims = {
    sub: 'acc-staff',
    kind: 'STAFF',
    association_id: 'assoc-1',
    association_tier: 'PREFECTURAL',
    role: 'CLERK',
    terms_version: '1.01',
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    verifier = createTokenVerifier({
      issuer: issuer.issuer,
      audience: TEST_AUDIENCE,
      clockToleranceSeconds: 5,
      jwksCooldownMs: 0,
      jwksCacheMaxAgeMs: 600_000,
      jwksTimeoutMs: 2_000,
      log,
    });
  });
  afterAll(() => issuer.close());

  const refusal = async (authorization: string) => {
    const err = await verifier.viewerOf(req(authorization)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HttpError);
    return err as HttpError;
  };

  it('builds the Viewer from a valid token (found through OIDC discovery)', async () => {
    const token = await issuer.mint({
      ...staffClaims,
      scope: 'openid mamis',
      act: { sub: 'acc-jma', kind: 'STAFF', association_id: 'jma', reason: 'phone call' },
    });
    await expect(verifier.viewerOf(req(`Bearer ${token}`))).resolves.toEqual({
      kind: 'STAFF',
      sub: 'acc-staff',
      associationId: 'assoc-1',
      associationTier: 'PREFECTURAL',
      role: 'CLERK',
      scopes: ['openid', 'mamis'],
      acceptedTermsVersion: '1.01',
      actor: { sub: 'acc-jma', kind: 'STAFF', associationId: 'jma', reason: 'phone call' },
    });
  });

  it('accepts a repeated token without checking it again, but never past its expiry', async () => {
    const token = await issuer.mint(staffClaims, { expiresIn: 30 });
    const viewer = await verifier.viewerOf(req(`Bearer ${token}`));
    await expect(verifier.viewerOf(req(`Bearer ${token}`))).resolves.toEqual(viewer);
    // 30 s + the 5 s clock tolerance later (only the clock is faked; timers and I/O run as usual)
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
      now: Date.now() + 36_000,
    });
    try {
      const err = await refusal(`Bearer ${token}`);
      expect(err.status).toBe(401);
      expect(err.headers['www-authenticate']).toMatch(/expired/);
    } finally {
      jest.useRealTimers();
    }
  });

  it('is ANONYMOUS without an Authorization header', async () => {
    await expect(verifier.viewerOf(req())).resolves.toEqual({ kind: 'ANONYMOUS', scopes: [] });
  });

  it.each([
    [
      'a forged signature',
      async () => issuer.mint(staffClaims, { key: (await generateKeyPair('ES256')).privateKey }),
    ],
    ['a wrong audience', () => issuer.mint(staffClaims, { audience: 'urn:someone:else' })],
    ['a wrong issuer', () => issuer.mint(staffClaims, { issuer: 'https://evil.example' })],
    ['an expired token', () => issuer.mint(staffClaims, { expiresIn: -60 })],
    [
      'alg none',
      async () =>
        `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64({ ...staffClaims, iss: issuer.issuer, aud: TEST_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })}.`,
    ],
    [
      'HS256 (the public key as a shared secret)',
      async () =>
        new SignJWT(staffClaims)
          .setProtectedHeader({ alg: 'HS256', kid: 'test-key-1' })
          .setIssuer(issuer.issuer)
          .setAudience(TEST_AUDIENCE)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(JSON.stringify(await (await fetch(issuer.jwksUrl)).json()))),
    ],
    ['no expiry', () => issuer.mint(staffClaims, { expiresIn: null })],
    ['an unknown kind', () => issuer.mint({ ...staffClaims, kind: 'ROOT' })],
    ['a PHYSICIAN without person_id', () => issuer.mint({ sub: 'x', kind: 'PHYSICIAN' })],
    ['a STAFF without association', () => issuer.mint({ sub: 'x', kind: 'STAFF', role: 'ADMIN' })],
    ['garbage', async () => 'not.a.jwt'],
  ])('refuses %s with 401 invalid_token', async (_name, make) => {
    const err = await refusal(`Bearer ${await make()}`);
    expect(err.status).toBe(401);
    expect(err.code).toBe('UNAUTHENTICATED');
    expect(err.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
  });

  it('refuses a malformed Authorization header with invalid_request', async () => {
    const err = await refusal('Basic dXNlcjpwYXNz');
    expect(err.status).toBe(401);
    expect(err.headers['www-authenticate']).toMatch(/^Bearer error="invalid_request"/);
  });

  it('follows a key rotation: an unknown kid refetches the JWKS', async () => {
    const before = issuer.jwksFetches();
    await issuer.rotate();
    const token = await issuer.mint(staffClaims);
    await expect(verifier.viewerOf(req(`Bearer ${token}`))).resolves.toMatchObject({ kind: 'STAFF' });
    expect(issuer.jwksFetches()).toBe(before + 1);
    // known kid: served from the cache
    await verifier.viewerOf(req(`Bearer ${await issuer.mint(staffClaims)}`));
    expect(issuer.jwksFetches()).toBe(before + 1);
  });

  it('answers 503 (not 401) when the JWKS cannot be fetched', async () => {
    const offline = createTokenVerifier({
      issuer: issuer.issuer,
      audience: TEST_AUDIENCE,
      jwksUrl: 'http://127.0.0.1:9/jwks',
      clockToleranceSeconds: 5,
      jwksCooldownMs: 0,
      jwksCacheMaxAgeMs: 600_000,
      jwksTimeoutMs: 500,
      log,
    });
    const err = await offline
      .viewerOf(req(`Bearer ${await issuer.mint(staffClaims)}`))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 503, code: 'INTERNAL' });
  });
});

describe('claims → viewer', () => {
  it('maps a physician, an assistant acting for one, and a client', () => {
    expect(
      viewerFromClaims({ sub: 'p', kind: 'PHYSICIAN', person_id: 'person-1', terms_version: '2' }),
    ).toEqual({
      kind: 'PHYSICIAN',
      sub: 'p',
      personId: 'person-1',
      scopes: [],
      acceptedTermsVersion: '2',
    });
    expect(
      viewerFromClaims({ sub: 'a', kind: 'ASSISTANT', person_id: 'person-1', act: { sub: 'assistant-1' } }),
    ).toMatchObject({
      kind: 'ASSISTANT',
      personId: 'person-1',
      actor: { sub: 'assistant-1', kind: 'ASSISTANT' },
    });
    expect(
      viewerFromClaims({ sub: 'society-1', kind: 'CLIENT', scope: 'society:s1 analytics:aggregate' }),
    ).toEqual({
      kind: 'CLIENT',
      sub: 'society-1',
      scopes: ['society:s1', 'analytics:aggregate'],
    });
  });
});

describe('access gate', () => {
  const op = (q: string) => {
    const doc = parse(q);
    return {
      doc,
      operation: doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode,
    };
  };

  it('collects root fields through fragments and inline fragments', () => {
    const { doc, operation } = op(
      `query { a: termsOfUse { version } ...F ... on Query { person(id: "1") { id } } } fragment F on Query { jointUseNotice __typename }`,
    );
    expect([...rootFieldNames(doc, operation)].sort()).toEqual([
      '__typename',
      'jointUseNotice',
      'person',
      'termsOfUse',
    ]);
  });

  const run = async (viewer: Record<string, unknown>, q: string, current: string | null = '2.0') => {
    const { doc, operation } = op(q);
    const listener = await accessGatePlugin({
      introspection: false,
      currentTermsVersion: async () => current,
    }).requestDidStart!({} as never);
    return (listener as { didResolveOperation: (c: unknown) => Promise<void> })
      .didResolveOperation({ contextValue: { viewer }, document: doc, operation })
      .then(
        () => 'ok',
        (e: { extensions: { code: string } }) => e.extensions.code,
      );
  };

  it('lets anonymous callers use the public fields only', async () => {
    const anon = { kind: 'ANONYMOUS', scopes: [] };
    expect(await run(anon, '{ termsOfUse { version } }')).toBe('ok');
    expect(await run(anon, '{ termsOfUse { version } person(id: "1") { id } }')).toBe('UNAUTHENTICATED');
    expect(await run(anon, '{ __schema { types { name } } }')).toBe('UNAUTHENTICATED');
    expect(await run(anon, 'mutation { acceptTerms(version: "2.0") { version } }')).toBe('UNAUTHENTICATED');
  });

  it('holds humans without the current terms to the terms-gate fields; clients are not gated', async () => {
    const physician = (v?: string) => ({
      kind: 'PHYSICIAN',
      personId: 'p',
      scopes: [],
      ...(v ? { acceptedTermsVersion: v } : {}),
    });
    expect(await run(physician('1.0'), '{ person(id: "1") { id } }')).toBe('TERMS_NOT_ACCEPTED');
    expect(await run(physician(), '{ person(id: "1") { id } }')).toBe('TERMS_NOT_ACCEPTED');
    expect(await run(physician('1.0'), '{ termsOfUse { version } jointUseNotice { text } }')).toBe('ok');
    expect(await run(physician('1.0'), 'mutation { acceptTerms(version: "2.0") { version } }')).toBe('ok');
    expect(await run(physician('2.0'), '{ person(id: "1") { id } }')).toBe('ok');
    expect(await run(physician(), '{ person(id: "1") { id } }', null)).toBe('ok');
    expect(await run({ kind: 'CLIENT', scopes: ['analytics:aggregate'] }, '{ person(id: "1") { id } }')).toBe(
      'ok',
    );
  });
});
