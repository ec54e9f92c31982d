import { badInput, Messages, type AppError } from '@mamis/platform';
import { checkingAssociation } from '../src/domain/checking-association';
import { freeSeats, promotedFromQueue } from '../src/domain/waitlist';
import {
  checkFiscalYearRange,
  creditsDimensions,
  holdersDimensions,
} from '../src/validation/statistics-input.validator';

/** The error a call throws (or undefined). */
function thrown(fn: () => unknown): AppError | undefined {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  return undefined;
}

describe('waiting list: free seats and who moves up', () => {
  it('counts free seats, never negative, none without a limit', () => {
    expect(freeSeats(null, 40)).toBeNull();
    expect(freeSeats(10, 7)).toBe(3);
    expect(freeSeats(10, 10)).toBe(0);
    // capacity lowered below the seats taken: nobody moves up
    expect(freeSeats(5, 8)).toBe(0);
  });

  it('promotes the head of the queue, first come first served', () => {
    const queue = ['a', 'b', 'c', 'd'];
    expect(promotedFromQueue(queue, 2)).toEqual(['a', 'b']);
    expect(promotedFromQueue(queue, 0)).toEqual([]);
    expect(promotedFromQueue(queue, 9)).toEqual(queue);
    expect(promotedFromQueue(queue, null)).toEqual(queue);
    expect(promotedFromQueue([], 3)).toEqual([]);
  });
});

describe('the checking association of a certification application', () => {
  const older = '00000000-0000-4000-8000-000000000001';
  const newer = '00000000-0000-4000-8000-00000000000a';
  it('none asked for: the most recently joined prefectural membership', () => {
    expect(checkingAssociation([newer, older], null)).toBe(newer);
    expect(checkingAssociation([], undefined)).toBeNull();
  });
  it('asked for: that one if the person is its current member (any letter case)', () => {
    expect(checkingAssociation([newer, older], older)).toBe(older);
    expect(checkingAssociation([newer, older], newer.toUpperCase())).toBe(newer);
    expect(checkingAssociation([newer], older)).toBeNull();
  });
});

describe('statistics arguments', () => {
  it('credits: by units band unless asked, repeats dropped', () => {
    expect(creditsDimensions(null)).toEqual(['UNITS_BAND']);
    expect(creditsDimensions([])).toEqual([]);
    expect(creditsDimensions(['PREFECTURE', 'PREFECTURE', 'UNITS_BAND'])).toEqual([
      'PREFECTURE',
      'UNITS_BAND',
    ]);
  });

  it('at most two dimensions, each one the aggregate offers (field groupBy)', () => {
    const tooMany = thrown(() => holdersDimensions(['PROGRAM', 'PREFECTURE', 'UNITS_BAND']));
    expect(tooMany?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
    expect(tooMany?.message).toBe(badInput('groupBy', Messages.AT_MOST_TWO_DIMENSIONS).message);
    const notOne = thrown(() => creditsDimensions(['PROGRAM']));
    expect(notOne?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
    expect(notOne?.message).toContain('PROGRAM');
    expect(holdersDimensions(undefined)).toEqual([]);
  });

  it('expiry forecast: a forward range of at most 20 fiscal years (field toFiscalYear)', () => {
    expect(thrown(() => checkFiscalYearRange(2030, 2030))).toBeUndefined();
    expect(thrown(() => checkFiscalYearRange(2030, 2050))).toBeUndefined();
    expect(thrown(() => checkFiscalYearRange(2030, 2029))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'toFiscalYear',
    });
    expect(thrown(() => checkFiscalYearRange(2030, 2051))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'toFiscalYear',
    });
  });
});
