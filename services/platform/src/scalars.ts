import { GraphQLScalarType, Kind } from 'graphql';
import { AppError, ErrorCode } from './errors';
import { Messages } from './messages';
import { isCalendarDate as validDate, isIsoDateTime } from './input-validation';

/** `Date`: an ISO calendar date (YYYY-MM-DD), meant in Asia/Tokyo. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'ISO 8601 calendar date (YYYY-MM-DD), Asia/Tokyo.',
  serialize(value) {
    if (value instanceof Date) return tokyoDate(value);
    if (typeof value === 'string' && validDate(value.slice(0, 10))) return value.slice(0, 10);
    throw new TypeError('Date cannot represent this value');
  },
  parseValue(value) {
    if (typeof value === 'string' && validDate(value)) return value;
    throw new AppError(ErrorCode.BAD_USER_INPUT, Messages.INVALID_DATE);
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && validDate(ast.value)) return ast.value;
    throw new AppError(ErrorCode.BAD_USER_INPUT, Messages.INVALID_DATE);
  },
});

/** `DateTime`: an ISO 8601 instant, serialised with the +09:00 offset. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'ISO 8601 date-time with offset (served in Asia/Tokyo, +09:00).',
  serialize(value) {
    const d = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(d.getTime())) throw new TypeError('DateTime cannot represent this value');
    return tokyoDateTime(d);
  },
  parseValue(value) {
    if (typeof value !== 'string' || !isIsoDateTime(value)) throw badDateTime();
    return new Date(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !isIsoDateTime(ast.value)) throw badDateTime();
    return new Date(ast.value);
  },
});

/**
 * `Yen`: an amount of money in integer yen, as a JSON number — for sums that may pass a GraphQL
 * `Int` (2^31 − 1, about ¥2.1 billion: the JMA's dues of a year are about ¥17 billion). Exact up
 * to Number.MAX_SAFE_INTEGER; PostgreSQL's bigint and numeric sums (strings in pg) are accepted.
 */
export const YenScalar = new GraphQLScalarType({
  name: 'Yen',
  description:
    'An amount in integer yen (円), a JSON number, exact up to 9,007,199,254,740,991 (for sums beyond a 32-bit Int).',
  serialize(value) {
    const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
    if (typeof n === 'bigint' && n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= BigInt(Number.MIN_SAFE_INTEGER))
      return Number(n);
    throw new TypeError('Yen cannot represent this value (an integer within ±2^53 − 1)');
  },
  parseValue(value) {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    throw badYen();
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.INT && Number.isSafeInteger(Number(ast.value))) return Number(ast.value);
    throw badYen();
  },
});

const badYen = () => new AppError(ErrorCode.BAD_USER_INPUT, Messages.INVALID_YEN);

const badDateTime = () => new AppError(ErrorCode.BAD_USER_INPUT, Messages.INVALID_DATE_TIME);

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The calendar date of an instant in Asia/Tokyo (no DST there, fixed +09:00). */
export function tokyoDate(d: Date): string {
  return new Date(d.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

export function tokyoDateTime(d: Date): string {
  return new Date(d.getTime() + JST_OFFSET_MS)
    .toISOString()
    .replace(/\.\d{3}Z$/, '+09:00')
    .replace('Z', '+09:00');
}

/** Japanese fiscal year (April 1 – March 31) of an ISO date: 2025-03-31 → 2024, 2025-04-01 → 2025. */
export function fiscalYear(isoDate: string): number {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}
