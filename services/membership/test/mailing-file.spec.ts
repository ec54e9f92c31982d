import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { buildCsv, buildLabels, csvField, type MailingEntry } from '../src/mailing/mailing-file';
import { decodeText, kanaKey, parseBankCsv } from '../src/dues/bank-csv';

const entries: MailingEntry[] = [
  {
    postalCode: '1130021',
    address: '東京都文京区本駒込2-28-16 "髙島"ビル, 3階',
    familyName: '髙橋',
    givenName: '一郎',
    familyNameKana: 'ﾀｶﾊｼ',
    givenNameKana: 'ｲﾁﾛｳ',
  },
  {
    postalCode: '5300001',
    address: '大阪府大阪市北区梅田1-1-1 ﾊﾝｶｸﾋﾞﾙ',
    familyName: '渡邊',
    givenName: '花子',
    familyNameKana: 'ワタナベ',
    givenNameKana: 'ハナコ',
  },
  {
    postalCode: null,
    address: '=HYPERLINK("x")',
    familyName: '𠮷田',
    givenName: '太郎',
    familyNameKana: 'ヨシダ',
    givenNameKana: 'タロウ',
  },
];

describe('mailing list files', () => {
  it('a Shift_JIS CSV decodes back to the same names and addresses (髙, ﾊﾝｶｸ normalised, comma and quote)', () => {
    const file = buildCsv(entries, 'CSV_SHIFT_JIS', 'list');
    expect(file.encoding).toBe('Shift_JIS');
    expect(file.contentType).toBe('text/csv; charset=Shift_JIS');
    expect(file.content.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const rows = parse(iconv.decode(file.content, 'Shift_JIS')) as string[][];
    expect(rows[0]).toEqual(['郵便番号', '住所', '氏名', 'フリガナ']);
    expect(rows[1]).toEqual([
      '113-0021',
      '東京都文京区本駒込2-28-16 "髙島"ビル, 3階',
      '髙橋 一郎',
      'タカハシ イチロウ',
    ]);
    expect(rows[2]).toEqual([
      '530-0001',
      '大阪府大阪市北区梅田1-1-1 ハンカクビル',
      '渡邊 花子',
      'ワタナベ ハナコ',
    ]);
    // 𠮷 (U+20BB7) is outside Shift_JIS: replaced by 〓 and reported, never a silent '?'
    expect(rows[3]).toEqual(['', '\'=HYPERLINK("x")', '〓田 太郎', 'ヨシダ タロウ']);
    expect(file.warnings).toEqual([expect.stringMatching(/^row 4: .*𠮷田 太郎/)]);
    expect(file.rowCount).toBe(3);
    expect(iconv.decode(file.content, 'Shift_JIS')).toContain('\r\n');
  });

  it('a UTF-8 CSV starts with a BOM and keeps every character', () => {
    const file = buildCsv(entries, 'CSV_UTF8_BOM', 'list');
    expect([...file.content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(decodeText(file.content, 'UTF8')) as string[][];
    expect(rows[3]![2]).toBe('𠮷田 太郎');
    expect(file.warnings).toEqual([]);
  });

  it('address labels: a Japanese page with 〒, address and 様, HTML-escaped', () => {
    const page = buildLabels(entries, '会報6月号', 'labels').content.toString('utf8');
    expect(page).toContain('<html lang="ja">');
    expect(page).toContain('〒113-0021');
    expect(page).toContain('髙橋 一郎 様');
    expect(page).toContain('&quot;髙島&quot;ビル, 3階');
    expect(page).not.toContain('<script');
  });

  it('quotes CSV fields only when needed', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('bank-transfer CSV parsing', () => {
  it('reads Japanese headers from Shift_JIS, with row numbers and per-row problems', () => {
    const csv =
      '取引日,金額,振込依頼人名,参照番号,取引番号\r\n2016/5/10,"64,000",ﾔﾏﾀﾞ ﾀﾛｳ,2016000001,T1\r\n2016-13-01,100,X,,T2\r\n20160511,12.5,ｽｽﾞｷ,,T3\r\n2016-05-12,1000,,,T4\r\n';
    const rows = parseBankCsv(decodeText(iconv.encode(csv, 'Shift_JIS'), 'SHIFT_JIS'), 'input.csvBase64');
    expect(rows.map((r) => [r.rowNumber, r.problem])).toEqual([
      [2, null],
      [3, 'INVALID_DATE'],
      [4, 'INVALID_AMOUNT'],
      [5, 'NO_REFERENCE_OR_PAYER'],
    ]);
    expect(rows[0]).toMatchObject({
      paidOn: '2016-05-10',
      amountYen: 64000,
      payer: 'ヤマダ タロウ',
      reference: '2016000001',
    });
  });

  it('refuses a file without date and amount columns, naming the input field', () => {
    expect(() => parseBankCsv('a,b\n1,2\n', 'input.csvBase64')).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.csvBase64' }),
      }),
    );
  });

  it('compares payer names as banks print them with stored kana', () => {
    expect(kanaKey('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe(kanaKey('ヤマダタロウ'));
    expect(kanaKey('ｷﾂｶﾜ ｼﾖｳ')).toBe(kanaKey('キッカワショウ'));
  });
});
