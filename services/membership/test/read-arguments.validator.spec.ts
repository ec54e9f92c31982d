import { AppError, formatMessage, Messages, type MessageText } from '@mamis/platform';
import { encodeCursor } from '../src/repositories/cursor';
import { searchCondition } from '../src/repositories/person.repository';
import { memberFilterArgs } from '../src/validation/member-filter.validator';
import { cursorKey, pageSize } from '../src/validation/page.validator';
import {
  checkSearch,
  MAX_SEARCH_LENGTH,
  peopleQueryArgs,
  searchTerms,
} from '../src/validation/people-query.validator';
import { checkMemberFlowArgs, checkMemberStatisticsArgs } from '../src/validation/statistics.validator';

/** The BAD_USER_INPUT a call gets: its field path, reason and message. */
function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    return { message: err.message, ...err.extensions };
  }
  throw new Error('expected a refusal');
}
const bad = (field: string, m: MessageText) => ({
  message: formatMessage(m),
  code: 'BAD_USER_INPUT',
  field,
  details: { reason: m.reason },
});

describe('pageSize', () => {
  it('is 50 when not given, the number asked otherwise', () => {
    expect(pageSize(undefined)).toBe(50);
    expect(pageSize(null)).toBe(50);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(500)).toBe(500);
    expect(pageSize(100, 'first', 100)).toBe(100);
  });

  it.each([0, -1, 501, 1.5])('refuses %p at the field, naming the maximum', (n) => {
    expect(refusal(() => pageSize(n))).toEqual(bad('first', Messages.PAGE_SIZE({ max: 500 })));
  });

  it('names the field and maximum given', () => {
    expect(refusal(() => pageSize(101, 'limit', 100))).toEqual(
      bad('limit', Messages.PAGE_SIZE({ max: 100 })),
    );
  });
});

describe('cursorKey', () => {
  it('decodes what encodeCursor wrote; no cursor is the first page', () => {
    expect(cursorKey(encodeCursor(['ヤマダ', 'タロウ', 'id-1']), 3)).toEqual(['ヤマダ', 'タロウ', 'id-1']);
    expect(cursorKey(null, 3)).toBeNull();
    expect(cursorKey(undefined, 3)).toBeNull();
    expect(cursorKey('', 3)).toBeNull();
  });

  it.each([
    ['not base64 JSON', 'garbage'],
    ['the wrong arity', encodeCursor(['a', 'b'])],
    ['a non-string key', encodeCursor(['a', 'b', 3])],
    ['not an array', encodeCursor({ a: 1 } as unknown as unknown[])],
  ])('refuses %s (MALFORMED_CURSOR at the field)', (_, cursor) => {
    expect(refusal(() => cursorKey(cursor, 3))).toEqual(bad('after', Messages.MALFORMED_CURSOR));
    expect(refusal(() => cursorKey(cursor, 3, 'input.after'))).toEqual(
      bad('input.after', Messages.MALFORMED_CURSOR),
    );
  });
});

describe('people(search)', () => {
  it('reads digits (and dashes) as a registry number, kana as a kana prefix, else a name prefix', () => {
    expect(searchTerms('123-45')).toEqual({ kind: 'REGISTRY_NUMBER', digits: '12345' });
    expect(searchTerms('ヤマダ タロウ')).toEqual({
      kind: 'NAME',
      kana: true,
      chars: Array.from('ヤマダタロウ'),
    });
    expect(searchTerms('山田')).toEqual({ kind: 'NAME', kana: false, chars: ['山', '田'] });
    expect(searchTerms('   ')).toBeNull();
  });

  it('a registry number of more than 7 digits: REGISTRY_NUMBER_SEARCH_LENGTH at search', () => {
    expect(() => checkSearch('1234567')).not.toThrow();
    expect(refusal(() => checkSearch('12345678'))).toEqual(
      bad('search', Messages.REGISTRY_NUMBER_SEARCH_LENGTH),
    );
  });

  it(`a name of more than ${MAX_SEARCH_LENGTH} characters (once normalised): SEARCH_TOO_LONG at search`, () => {
    expect(() => checkSearch('ア'.repeat(MAX_SEARCH_LENGTH))).not.toThrow();
    // spaces do not count
    expect(() => checkSearch(`${'ア'.repeat(20)} ${'イ'.repeat(20)}`)).not.toThrow();
    expect(refusal(() => checkSearch('ア'.repeat(MAX_SEARCH_LENGTH + 1)))).toEqual(
      bad('search', Messages.SEARCH_TOO_LONG({ max: MAX_SEARCH_LENGTH })),
    );
  });

  it('the repository builds the same condition it did, without checking', () => {
    expect(searchCondition('1234567', 2)).toEqual({
      sql: expect.stringContaining('$2') as string,
      values: ['1234567'],
    });
    expect(searchCondition('ア'.repeat(MAX_SEARCH_LENGTH + 1), 1)).not.toBeNull();
    expect(searchCondition('  ', 1)).toBeNull();
  });
});

describe('peopleQueryArgs', () => {
  it('passes valid arguments on, the registry number normalised and the cursor decoded', () => {
    expect(
      peopleQueryArgs({
        search: 'ヤマ',
        registryNumber: '１２３',
        first: 10,
        after: encodeCursor(['a', 'b', 'c']),
      }),
    ).toEqual({ first: 10, after: ['a', 'b', 'c'], search: 'ヤマ', registryNumber: '123' });
    expect(peopleQueryArgs({})).toEqual({ first: 50, after: null, search: null, registryNumber: null });
  });

  it('checks in the order it always did: typed length, registry number, page size, cursor, search limits', () => {
    const all = { search: 'ア'.repeat(101), registryNumber: 'x', first: 0, after: 'garbage' };
    expect(refusal(() => peopleQueryArgs(all))).toEqual(bad('search', Messages.TEXT_TOO_LONG({ max: 100 })));
    const noLongText = { ...all, search: 'ア'.repeat(41) };
    expect(refusal(() => peopleQueryArgs(noLongText))).toMatchObject({ field: 'registryNumber' });
    expect(refusal(() => peopleQueryArgs({ ...noLongText, registryNumber: null }))).toEqual(
      bad('first', Messages.PAGE_SIZE({ max: 500 })),
    );
    expect(refusal(() => peopleQueryArgs({ ...noLongText, registryNumber: null, first: 5 }))).toEqual(
      bad('after', Messages.MALFORMED_CURSOR),
    );
    expect(
      refusal(() => peopleQueryArgs({ ...noLongText, registryNumber: null, first: 5, after: null })),
    ).toEqual(bad('search', Messages.SEARCH_TOO_LONG({ max: MAX_SEARCH_LENGTH })));
  });
});

describe('Statistics.members arguments', () => {
  it('takes up to two distinct dimensions and a known age band', () => {
    expect(() => checkMemberStatisticsArgs([], {})).not.toThrow();
    expect(() => checkMemberStatisticsArgs(['CATEGORY', 'SEX', 'SEX', 'CATEGORY'], {})).not.toThrow();
    expect(() => checkMemberStatisticsArgs(['AGE_BAND'], { ageBand: '30-39' })).not.toThrow();
    expect(() => checkMemberStatisticsArgs([], { ageBand: null })).not.toThrow();
  });

  it('three dimensions: AT_MOST_TWO_DIMENSIONS at groupBy (before the age band)', () => {
    expect(
      refusal(() => checkMemberStatisticsArgs(['CATEGORY', 'SEX', 'AGE_BAND'], { ageBand: 'x' })),
    ).toEqual(bad('groupBy', Messages.AT_MOST_TWO_DIMENSIONS));
  });

  it('an unknown age band: AGE_BAND_UNKNOWN at filter.ageBand, listing the bands', () => {
    expect(refusal(() => checkMemberStatisticsArgs(['SEX'], { ageBand: '30-40' }))).toEqual(
      bad(
        'filter.ageBand',
        Messages.AGE_BAND_UNKNOWN({ bands: '<30, 30-39, 40-49, 50-59, 60-69, 70-79, 80+' }),
      ),
    );
  });
});

describe('Statistics.memberFlow arguments', () => {
  it('takes one year, or up to 30 years apart', () => {
    expect(() => checkMemberFlowArgs(2020, 2020)).not.toThrow();
    expect(() => checkMemberFlowArgs(1990, 2020)).not.toThrow();
  });

  it('reversed years: FISCAL_YEARS_REVERSED at toFiscalYear', () => {
    expect(refusal(() => checkMemberFlowArgs(2021, 2020))).toEqual(
      bad('toFiscalYear', Messages.FISCAL_YEARS_REVERSED),
    );
  });

  it('more than 30 years apart: AT_MOST_30_FISCAL_YEARS at toFiscalYear', () => {
    expect(refusal(() => checkMemberFlowArgs(1989, 2020))).toEqual(
      bad('toFiscalYear', Messages.AT_MOST_30_FISCAL_YEARS),
    );
  });
});

describe('Association.members filter', () => {
  it('normalises the category as categories are stored; no or an empty category is no filter', () => {
    expect(memberFilterArgs({ category: ' Ａ① ', status: 'LEFT' })).toEqual({
      category: 'A①',
      status: 'LEFT',
    });
    expect(memberFilterArgs(null)).toEqual({ category: null });
    expect(memberFilterArgs({ category: '' })).toEqual({ category: null });
    // spaces only: a category that matches none (not "no filter")
    expect(memberFilterArgs({ category: '　 ' })).toEqual({ category: '' });
  });
});
