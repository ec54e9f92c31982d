import { addDays, clock } from '@mamis/platform';
import { seededRandom } from '@mamis/platform/src/seeded-random';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';

/**
 * A seeded, deterministic generator of GraphQL operations for schema-driven fuzzing: for a root
 * field, valid argument values (optional arguments sometimes given) and invalid ones (one leaf
 * replaced by a malformed value of the right GraphQL type, so it passes validation and reaches
 * the scalars and resolvers).
 */

export { seededRandom };

export interface FuzzPools {
  /** Real ids of the arranged data (associations, persons, …); random uuids are added. */
  ids: string[];
}

/** Malformed values per scalar: well-typed for GraphQL, wrong for the domain. */
export const MALFORMED: Record<string, unknown[]> = {
  ID: [
    '',
    'abc',
    '0',
    ' ',
    'x'.repeat(300),
    '00000000-0000-0000-0000-00000000000g',
    "1' OR '1'='1",
    'a\u0000b',
  ],
  String: [
    '',
    'a\u0000b',
    '山田\u0007',
    '\u202e田山',
    '山\u200b田',
    '\ufeff',
    'x'.repeat(20_000),
    '%_\\',
    "'; DROP TABLE x; --",
    '\ud800',
  ],
  Int: [0, -1, 2147483647, -2147483648, 99999, 1900],
  Float: [0, -1, 1e308, -1e308, 0.1],
  Boolean: [true, false],
  Date: [
    '2026-02-30',
    'abc',
    '',
    '0000-01-01',
    '9999-12-31',
    '2023-02-29',
    '2026-04-01T00:00:00',
    '1900-01-01',
  ],
  DateTime: ['abc', '', '2026-13-01T00:00:00Z', '2026-02-30T10:00:00+09:00', '9999-12-31T23:59:59Z', '0'],
};

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function uuid(rnd: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function validScalar(name: string, rnd: () => number, pools: FuzzPools): unknown {
  switch (name) {
    case 'ID':
      return rnd() < 0.7 && pools.ids.length ? pick(rnd, pools.ids) : uuid(rnd);
    case 'Int':
      return pick(rnd, [1, 2, 10, clock.fiscalYear() - 1, clock.fiscalYear()]);
    case 'Float':
      return pick(rnd, [1, 2.5]);
    case 'Boolean':
      return rnd() < 0.5;
    case 'Date':
      // today, a week back, a month ahead (relative to the platform clock) and one long past
      return pick(rnd, [clock.today(), addDays(clock.today(), -7), addDays(clock.today(), 30), '1980-04-01']);
    case 'DateTime':
      return pick(rnd, [clock.now().toISOString(), `${addDays(clock.today(), 30)}T10:00:00+09:00`]);
    default:
      return pick(rnd, ['x', '山田', 'ヤマダ', '13', 'MANUAL', 'jmacme']);
  }
}

/** A valid value of `type` (optional input fields given with probability 1/3). */
export function validValue(type: GraphQLInputType, rnd: () => number, pools: FuzzPools, depth = 0): unknown {
  if (isNonNullType(type)) return validValue(type.ofType, rnd, pools, depth);
  if (isListType(type))
    return Array.from({ length: 1 + Math.floor(rnd() * 2) }, () =>
      validValue(type.ofType, rnd, pools, depth + 1),
    );
  if (isScalarType(type)) return validScalar(type.name, rnd, pools);
  if (isEnumType(type)) return pick(rnd, type.getValues()).value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields()))
      if (isNonNullType(f.type) || (depth < 3 && rnd() < 1 / 3))
        out[f.name] = validValue(f.type, rnd, pools, depth + 1);
    return out;
  }
  throw new Error(`not an input type: ${String(type)}`);
}

/** Paths to every scalar leaf of a value of `type` (lists: their first element). */
function leaves(
  type: GraphQLInputType,
  value: unknown,
  path: (string | number)[],
): [path: (string | number)[], scalar: string][] {
  if (isNonNullType(type)) return leaves(type.ofType, value, path);
  if (isListType(type))
    return Array.isArray(value) && value.length ? leaves(type.ofType, value[0], [...path, 0]) : [];
  if (isScalarType(type)) return [[path, type.name]];
  if (isInputObjectType(type) && value && typeof value === 'object') {
    const fields = type.getFields();
    return Object.keys(value).flatMap((k) =>
      leaves(fields[k]!.type, (value as Record<string, unknown>)[k], [...path, k]),
    );
  }
  return [];
}

function setAt(target: Record<string, unknown>, path: (string | number)[], v: unknown): void {
  let cur: Record<string | number, unknown> = target;
  for (const p of path.slice(0, -1)) cur = cur[p] as Record<string | number, unknown>;
  cur[path[path.length - 1]!] = v;
}

export interface FuzzCase {
  field: string;
  kind: 'valid' | 'invalid';
  /** `arg.path.to.leaf` of the malformed value (invalid cases). */
  at?: string;
  query: string;
  variables: Record<string, unknown>;
}

/** A selection for a result type: `__typename` and its scalar fields without required arguments. */
function selectionOf(named: GraphQLNamedType): string {
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return ' { __typename }';
  const scalars = Object.values(named.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)))
    .map((f) => f.name);
  return ` { __typename ${scalars.join(' ')} }`;
}

/**
 * `count` cases for `field`: the first valid, the rest with one malformed leaf each (or a valid
 * value when the arguments have no leaf).
 */
export function fuzzCases(
  field: GraphQLField<unknown, unknown>,
  operation: 'query' | 'mutation',
  rnd: () => number,
  pools: FuzzPools,
  count: number,
): FuzzCase[] {
  const out: FuzzCase[] = [];
  const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `${operation} Fuzz_${field.name}${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''}${selectionOf(getNamedType(field.type))} }`;
  for (let i = 0; i < count; i++) {
    const variables: Record<string, unknown> = {};
    for (const a of field.args)
      if (isNonNullType(a.type) || rnd() < 0.5) variables[a.name] = validValue(a.type, rnd, pools);
    const all = field.args.flatMap((a) =>
      a.name in variables ? leaves(a.type, variables[a.name], [a.name]) : [],
    );
    if (i === 0 || all.length === 0) {
      out.push({ field: field.name, kind: 'valid', query, variables });
      continue;
    }
    const [path, scalar] = pick(rnd, all);
    const bad = pick(rnd, MALFORMED[scalar] ?? MALFORMED.String!);
    setAt(variables, path, bad);
    out.push({ field: field.name, kind: 'invalid', at: path.join('.'), query, variables });
  }
  return out;
}
