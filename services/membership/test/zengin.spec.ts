import { looksLikeZengin, parseZengin, writeZengin, zenginDate } from '../src/dues/zengin';

describe('Zengin (全銀協) 振込入金通知', () => {
  const file = writeZengin([
    {
      inquiry: '1',
      accountDate: '051203',
      amountYen: 64_000,
      requesterCode: '2026000012',
      payerKana: 'ｲｼﾀﾞ ﾀﾛｳ',
    },
    { inquiry: '2', accountDate: '051204', amountYen: 39_000, payerKana: 'ｳｴﾀﾞ ｼﾞﾛｳ', cancelled: true },
  ]);

  it('is recognised by its header record, a CSV is not', () => {
    expect(looksLikeZengin(file)).toBe(true);
    expect(looksLikeZengin(Buffer.from('取引日,金額\r\n2023/12/03,64000\r\n'))).toBe(false);
    // without line ends: records back to back
    expect(looksLikeZengin(Buffer.from(file.toString('latin1').replace(/\r\n/g, ''), 'latin1'))).toBe(true);
  });

  it('reads each data record: 和暦 account date, amount, requester code, half-width kana name, cancellation', () => {
    const rows = parseZengin(file, 'f');
    expect(rows).toEqual([
      {
        rowNumber: 2,
        paidOn: '2023-12-03',
        amountYen: 64_000,
        payer: 'イシダ タロウ',
        reference: '2026000012',
        transactionId: 'ZENGIN:2023-12-03:000001',
        problem: null,
      },
      expect.objectContaining({
        rowNumber: 3,
        reference: null,
        payer: 'ウエダ ジロウ',
        problem: 'CANCELLED_TRANSFER',
      }),
    ]);
    const packed = Buffer.from(file.toString('latin1').replace(/\r\n/g, ''), 'latin1');
    expect(parseZengin(packed, 'f')).toEqual(rows);
  });

  it('reads YYMMDD in the current era (令和)', () => {
    expect(zenginDate('010501')).toBe('2019-05-01');
    expect(zenginDate('010430')).toBeNull();
    expect(zenginDate('080230')).toBeNull();
  });

  it('refuses a file whose trailer count differs from its data records', () => {
    const text = file.toString('latin1').replace(/\r\n8000002/, '\r\n8000003');
    expect(() => parseZengin(Buffer.from(text, 'latin1'), 'input.csvBase64')).toThrow(/件数 3/);
  });
});
