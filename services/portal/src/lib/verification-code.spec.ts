import { normaliseVerificationCode, verificationUrl } from './verification-code';

describe('normaliseVerificationCode', () => {
  it.each([
    ['ABCD-EFGH-JKMN', 'ABCD-EFGH-JKMN'],
    ['abcd-efgh-jkmn', 'ABCD-EFGH-JKMN'],
    ['abcdefghjkmn', 'ABCD-EFGH-JKMN'],
    [' abcd efgh jkmn ', 'ABCD-EFGH-JKMN'],
    ['ＡＢＣＤ－ＥＦＧＨ－ＪＫＭＮ', 'ABCD-EFGH-JKMN'],
    ['AB2D‐3FGH―JK9N', 'AB2D-3FGH-JK9N'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseVerificationCode(input)).toBe(expected);
  });

  it.each(['', 'ABCD-EFGH', 'ABCD-EFGH-JKMN-P', 'ABCD-EFGH-JKM!', '<script>'])('refuses %p', (input) => {
    expect(normaliseVerificationCode(input)).toBeNull();
  });

  it('builds the URL a QR code carries', () => {
    expect(verificationUrl('https://portal.example.jp/', 'ABCD-EFGH-JKMN')).toBe(
      'https://portal.example.jp/verify?code=ABCD-EFGH-JKMN',
    );
  });
});
