import iconv from 'iconv-lite';
import { parseRosterCsv } from '../src/roster/roster-file';

const CSV = '医籍登録番号,氏,名,氏カナ,名カナ,生年月日\r\n8200001,根津,三郎,ネヅ,サブロウ,1980-05-05\r\n';

describe('roster CSV', () => {
  const expected = [
    {
      row: 2,
      values: {
        registryNumber: '8200001',
        familyName: '根津',
        givenName: '三郎',
        familyNameKana: 'ネヅ',
        givenNameKana: 'サブロウ',
        birthDate: '1980-05-05',
      },
    },
  ];

  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(parseRosterCsv(Buffer.from(CSV, 'utf8'))).toEqual(expected);
    expect(parseRosterCsv(Buffer.from(`\uFEFF${CSV}`, 'utf8'))).toEqual(expected);
  });

  it('reads Shift_JIS (what Excel writes as "CSV" on a Japanese PC), detected without being told', () => {
    const sjis = iconv.encode(CSV, 'Shift_JIS');
    expect(sjis.equals(Buffer.from(CSV, 'utf8'))).toBe(false);
    expect(parseRosterCsv(sjis)).toEqual(expected);
    // Windows-31J characters beyond JIS X 0208 (e.g. ① and 髙) too
    const cp932 = iconv.encode(CSV.replace('根津', '髙橋'), 'CP932');
    expect(parseRosterCsv(cp932)[0]!.values.familyName).toBe('髙橋');
  });
});
