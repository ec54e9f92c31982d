import {
  createAssertionSigner,
  createAssertionVerifier,
  devAssertionKeyPair,
  parseAssertionVerificationKeys,
  SUBGRAPH_SECRET_HEADER,
  VIEWER_ASSERTION_HEADER,
  type AssertionSigner,
  type Viewer,
} from '@mamis/platform';
import { AssertionCache } from '../src/assertion-cache';

const staff = (associationId: string): Viewer => ({
  kind: 'STAFF',
  sub: `staff-${associationId}`,
  associationId,
  associationTier: 'PREFECTURAL',
  role: 'CLERK',
  scopes: [],
});

describe('viewer assertions reused across requests while fresh', () => {
  const real = createAssertionSigner({ privateKey: devAssertionKeyPair().privateKey, ttlSeconds: 30 });
  let signed = 0;
  const counting: AssertionSigner = {
    ttlSeconds: real.ttlSeconds,
    sign: (viewer, audience) => {
      signed++;
      return real.sign(viewer, audience);
    },
  };
  let clock = 1_000_000;
  const cache = () => {
    signed = 0;
    return new AssertionCache(counting, 3, () => clock);
  };
  const verify = async (audience: string, token: string) => {
    const keys = await parseAssertionVerificationKeys({
      publicKeyPem: devAssertionKeyPair().publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    return createAssertionVerifier({ audience, secret: 's', keys }).verify({
      [SUBGRAPH_SECRET_HEADER]: 's',
      [VIEWER_ASSERTION_HEADER]: token,
    });
  };

  it('signs once per viewer and subgraph, and the reused assertion is valid for that subgraph only', async () => {
    const c = cache();
    const a1 = await c.assertionFor(staff('a'), 'membership');
    const a2 = await c.assertionFor(staff('a'), 'membership');
    expect(a2).toBe(a1);
    expect(signed).toBe(1);
    expect(await verify('membership', a2)).toMatchObject({ kind: 'STAFF', associationId: 'a' });
    await expect(verify('training', a2)).rejects.toThrow(/refused/);
    // another subgraph, another viewer: their own assertions
    const t = await c.assertionFor(staff('a'), 'training');
    const b = await c.assertionFor(staff('b'), 'membership');
    expect(new Set([a1, t, b]).size).toBe(3);
    expect(await verify('membership', b)).toMatchObject({ associationId: 'b' });
    expect(signed).toBe(3);
  });

  it('signs again once half the lifetime has passed', async () => {
    const c = cache();
    const first = await c.assertionFor(staff('a'), 'membership');
    clock += 14_999;
    expect(await c.assertionFor(staff('a'), 'membership')).toBe(first);
    clock += 1;
    const second = await c.assertionFor(staff('a'), 'membership');
    expect(second).not.toBe(first);
    expect(signed).toBe(2);
  });

  it('does not remember a failed signature, and keeps at most its bound of entries', async () => {
    let fail = true;
    const flaky: AssertionSigner = {
      ttlSeconds: 30,
      sign: (v, aud) => (fail ? Promise.reject(new Error('HSM unavailable')) : real.sign(v, aud)),
    };
    const c = new AssertionCache(flaky, 2, () => clock);
    await expect(c.assertionFor(staff('a'), 'membership')).rejects.toThrow('HSM unavailable');
    await Promise.resolve();
    expect(c.size).toBe(0);
    fail = false;
    expect(await verify('membership', await c.assertionFor(staff('a'), 'membership'))).toBeDefined();
    await c.assertionFor(staff('b'), 'membership');
    await c.assertionFor(staff('c'), 'membership');
    expect(c.size).toBe(2);
  });
});
