import { loadTrainingConfig } from '../src/config';
import { DocumentLinks, type DocumentLinkClaims } from '../src/documents/document-link';
import { normalizeVerificationCode } from '../src/domain/verification-code';

describe('verification codes as people type or scan them', () => {
  it.each([
    ['ABCD-EFGH-JKMN', 'ABCD-EFGH-JKMN'],
    ['abcd-efgh-jkmn', 'ABCD-EFGH-JKMN'],
    ['abcdefghjkmn', 'ABCD-EFGH-JKMN'],
    ['ABCD EFGH JKMN', 'ABCD-EFGH-JKMN'],
    ['  aBcD-eFgH jKmN\t', 'ABCD-EFGH-JKMN'],
    // full-width letters and a long dash, as a Japanese input method gives them
    ['ＡＢＣＤ－ＥＦＧＨ－ＪＫＭＮ', 'ABCD-EFGH-JKMN'],
    ['2345―6789―ABCD', '2345-6789-ABCD'],
  ])('%s → %s', (typed, canonical) => {
    expect(normalizeVerificationCode(typed)).toBe(canonical);
  });

  it.each([
    '',
    'ABCD-EFGH-JKM',
    'ABCD-EFGH-JKMNP',
    'ABCD-EFGH-JKM0',
    'ABCD-EFGH-JKMI',
    'ABCD;EFGH;JKMN',
    'x'.repeat(500),
  ])('refuses %p', (typed) => {
    expect(normalizeVerificationCode(typed)).toBeNull();
  });
});

describe('document links', () => {
  const claims = (exp: number): DocumentLinkClaims => ({
    kind: 'C',
    id: '00000000-0000-4000-8000-000000000001',
    personId: '00000000-0000-4000-8000-000000000002',
    exp,
    viewer: { kind: 'PHYSICIAN', sub: 'a' },
    relations: ['SELF'],
  });
  const now = Date.now();
  const links = new DocumentLinks('a secret of at least thirty-two characters');

  it('round-trips a valid link', () => {
    const c = claims(Math.floor(now / 1000) + 60);
    expect(links.verify(links.sign(c), now)).toEqual(c);
  });

  it('refuses an expired link, a link signed with another key, and a truncated one', () => {
    const expired = links.sign(claims(Math.floor(now / 1000) - 1));
    expect(links.verify(expired, now)).toBeNull();
    const other = new DocumentLinks('another secret of at least thirty-two characters');
    const foreign = other.sign(claims(Math.floor(now / 1000) + 60));
    expect(links.verify(foreign, now)).toBeNull();
    expect(links.verify(foreign.slice(0, -1), now)).toBeNull();
  });
});

describe('PORTAL_URL (where printed QR codes point)', () => {
  const base = { DATABASE_URL: 'postgres://u@h/db' };

  it('defaults to the development portal outside production and drops a trailing slash', () => {
    expect(loadTrainingConfig({ ...base, NODE_ENV: 'development' }).PORTAL_URL).toBe('http://127.0.0.1:5173');
    expect(loadTrainingConfig({ ...base, PORTAL_URL: 'https://portal.example.jp/' }).PORTAL_URL).toBe(
      'https://portal.example.jp',
    );
  });

  it('is required in production and must be an http(s) URL without a query', () => {
    expect(() => loadTrainingConfig({ ...base, NODE_ENV: 'production' })).toThrow(/PORTAL_URL/);
    expect(() => loadTrainingConfig({ ...base, PORTAL_URL: 'ftp://portal.example.jp' })).toThrow(
      /PORTAL_URL/,
    );
    expect(() => loadTrainingConfig({ ...base, PORTAL_URL: 'https://p.example.jp/?a=1' })).toThrow(
      /PORTAL_URL/,
    );
    expect(() => loadTrainingConfig({ ...base, PORTAL_URL: 'not a url' })).toThrow(/PORTAL_URL/);
  });
});
