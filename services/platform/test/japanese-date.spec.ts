import { formatWareki, fromEra, parseJapaneseDate } from '../src/japanese-date';

/** Pure conversions: the fixtures are past dates (令和5年 = 2023, a common year), not today's. */
describe('dates as Japanese offices write them', () => {
  it.each<[string, string | null]>([
    ['2023-12-04', '2023-12-04'],
    ['2023/12/4', '2023-12-04'],
    ['2023.12.04', '2023-12-04'],
    ['20231204', '2023-12-04'],
    ['2023年12月4日', '2023-12-04'],
    ['２０２３年１２月４日', '2023-12-04'],
    ['R5.12.03', '2023-12-03'],
    ['r05/12/03', '2023-12-03'],
    ['Ｒ５．１２．０３', '2023-12-03'],
    ['令和5年12月3日', '2023-12-03'],
    ['令和 5年 12月 3日', '2023-12-03'],
    ['令和元年5月1日', '2019-05-01'],
    ['R1.5.1', '2019-05-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['H31.4.30', '2019-04-30'],
    ['S64.1.7', '1989-01-07'],
    ['H1.1.8', '1989-01-08'],
    ['昭和40年4月1日', '1965-04-01'],
  ])('%s → %s', (raw, iso) => expect(parseJapaneseDate(raw)).toBe(iso));

  it.each([
    'H31.5.1', // Heisei ended on 2019-04-30
    'R1.4.30', // Reiwa began on 2019-05-01
    'S64.1.8',
    'H1.1.7',
    'R5.2.30', // not on the calendar
    '令和0年1月1日',
    '2023/13/01',
    '2023-02-29',
    'X8.1.1',
    '令和5年12月',
    '',
  ])('%s is not a date', (raw) => expect(parseJapaneseDate(raw)).toBeNull());

  it('leap days follow the western year of the era year', () => {
    expect(fromEra('R', 6, 2, 29)).toBe('2024-02-29');
    expect(fromEra('R', 7, 2, 29)).toBeNull();
  });

  it('formats for people in 和暦 with 元年 for the first year', () => {
    expect(formatWareki('2023-12-03')).toBe('令和5年12月3日');
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
    // round trip
    for (const iso of ['1989-01-08', '2000-02-29', '2023-12-31'])
      expect(parseJapaneseDate(formatWareki(iso))).toBe(iso);
  });
});
