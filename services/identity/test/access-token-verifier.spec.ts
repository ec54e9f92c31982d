import { createPrivateKey, sign } from 'node:crypto';
import { generateSigningKey } from '../src/auth/keys';
import { AccessTokenVerifier } from '../src/oidc/access-token-verifier';

const ISS = 'https://id.example.jp';
const AUD = 'urn:mamis:gateway';
const key = generateSigningKey('k1');
const other = generateSigningKey('k1');
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

function jwt(
  payload: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'ES256', typ: 'at+jwt', kid: 'k1' },
  jwk = key,
) {
  const input = `${b64(header)}.${b64(payload)}`;
  const sig = sign('sha256', Buffer.from(input), {
    key: createPrivateKey({ key: jwk, format: 'jwk' }),
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${sig.toString('base64url')}`;
}

describe('AccessTokenVerifier (our own JWT access tokens)', () => {
  const v = new AccessTokenVerifier([key], () => ISS, AUD);
  const now = Math.floor(Date.now() / 1000);
  const good = { iss: ISS, aud: AUD, sub: 'a', exp: now + 60, iat: now, jti: 'j', client_id: 'c' };

  it('accepts a valid token', () => expect(v.verify(jwt(good)).sub).toBe('a'));

  it.each([
    ['expired', jwt({ ...good, exp: now - 60 }), /expired/],
    ['wrong audience', jwt({ ...good, aud: 'urn:other' }), /audience/],
    ['wrong issuer', jwt({ ...good, iss: 'https://evil' }), /issuer/],
    ['forged signature', jwt(good, undefined, other), /signature/],
    ['alg none', `${b64({ alg: 'none', typ: 'at+jwt', kid: 'k1' })}.${b64(good)}.`, /algorithm/],
    ['HS256', `${b64({ alg: 'HS256', typ: 'at+jwt', kid: 'k1' })}.${b64(good)}.x`, /algorithm/],
    ['an ID token', jwt(good, { alg: 'ES256', kid: 'k1' }), /access token/],
    ['unknown key', jwt(good, { alg: 'ES256', typ: 'at+jwt', kid: 'k2' }), /key/],
    ['garbage', 'a.b', /malformed/],
  ])('refuses %s', (_name, token, message) => {
    expect(() => v.verify(token)).toThrow(message);
  });
});
