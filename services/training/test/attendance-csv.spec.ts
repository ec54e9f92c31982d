import { parseRegistryCsv } from '../src/domain/attendance-csv';

describe('CSV of registry numbers', () => {
  it('reads the first column with line numbers, skipping a header and blank lines', () => {
    const rows = parseRegistryCsv(
      '\uFEFF医籍登録番号,氏名\r\n100001,山田 太郎\r\n\r\n１２３４５６\r\n"100002",x\r\nabc,y\r\n,\r\n12-34\r\n',
    );
    expect(rows).toEqual([
      { rowNumber: 2, registryNumber: '100001' },
      { rowNumber: 4, registryNumber: '123456' },
      { rowNumber: 5, registryNumber: '100002' },
      { rowNumber: 6, registryNumber: 'abc', problem: expect.any(String) },
      { rowNumber: 8, registryNumber: '12-34', problem: expect.any(String) },
    ]);
  });

  it('treats a first row of digits as data, not a header', () => {
    expect(parseRegistryCsv('100001\n100002').map((r) => r.rowNumber)).toEqual([1, 2]);
  });

  it('refuses text that is not CSV at all', () => {
    expect(() => parseRegistryCsv('"unterminated\n100001')).toThrow();
  });
});
