import { dueDate } from '../../../services/consent/src/domain/privacy-request-rules';
import { parseArgs } from '../cli';
import { renderDisclosureHtml, type Disclosure } from '../disclosure-export';
import { identifiersOf, uniqueIdentifiersOf } from '../erase';
import { windowOf } from '../leak-report';

describe('privacy helpers', () => {
  it('due date: filing date in Tokyo + the answer period (a filing at 23:30 JST counts for that Tokyo day)', () => {
    expect(dueDate(new Date('2026-03-20T14:30:00Z'), 14)).toBe('2026-04-03'); // 23:30 JST on 03-20
    expect(dueDate(new Date('2026-03-20T15:30:00Z'), 14)).toBe('2026-04-04'); // 00:30 JST on 03-21
  });

  it('leak-report window: a date is a whole Tokyo day (to inclusive); nonsense is refused', () => {
    const w = windowOf({ from: '2026-11-01', to: '2026-11-02' });
    expect(w.from.toISOString()).toBe('2026-10-31T15:00:00.000Z');
    expect(w.to.toISOString()).toBe('2026-11-02T15:00:00.000Z');
    expect(() => windowOf({ from: 'yesterday', to: '2026-11-02' })).toThrow(/--from/);
    expect(() => windowOf({ from: '2026-11-02', to: '2026-11-01' })).toThrow(/after/);
  });

  it('identifiers for the scrub: full names (with and without spaces), contacts, registry number; never a bare family name', () => {
    const p = {
      family_name: '山田',
      given_name: '太郎',
      family_name_kana: 'ヤマダ',
      given_name_kana: 'タロウ',
      email: 'taro@example.jp',
      phone: '03-1234-5678',
      registry_number: '123456',
      address: '東京都千代田区千代田1-1',
    };
    const ids = identifiersOf(p, 'p-1');
    expect(ids).toEqual(
      expect.arrayContaining([
        '山田太郎',
        '山田 太郎',
        '山田　太郎',
        'ヤマダタロウ',
        'taro@example.jp',
        '123456',
        'p-1',
      ]),
    );
    expect(ids).not.toContain('山田');
    expect(ids.map((s) => s.length)).toEqual([...ids.map((s) => s.length)].sort((a, b) => b - a));
    expect(uniqueIdentifiersOf(p, 'p-1')).toEqual(['p-1', '123456']);
  });

  it('renders the disclosure HTML with every value escaped', () => {
    const d: Disclosure = {
      format: 'mamis-disclosure/1',
      personId: 'p',
      requestId: 'r',
      generatedAt: '2026-11-25T10:00:00+09:00',
      records: { 'membership.person': [{ id: 'p', address: '<script>alert(1)</script>' }] },
      referenced: {},
      accounts: [],
      accessLog: [],
      provisions: { records: {}, exports: [] },
      dataItems: [],
    };
    const html = renderDisclosureHtml(d);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.indexOf('基本情報')).toBeLessThan(html.indexOf('Personal data'));
  });

  it('parses the command arguments', () => {
    expect(parseArgs(['--from', '2026-11-01', '--to=2026-11-02', '--actor', 'staff-1'])).toEqual({
      from: '2026-11-01',
      to: '2026-11-02',
      actor: 'staff-1',
    });
    expect(() => parseArgs(['--from'])).toThrow(/needs a value/);
  });
});
