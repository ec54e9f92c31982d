import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildASTSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isRequiredArgument,
  isRequiredInputField,
  isScalarType,
  parse,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** The composed supergraph as checked in (`npm run compose`), read at call time. */
export function loadSupergraph(
  file = path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'),
): GraphQLSchema {
  return buildASTSchema(parse(readFileSync(file, 'utf8')), { assumeValidSDL: true });
}

/** A plausible value per scalar (IDs: a fresh random UUID each time). */
const SCALAR_VALUES: Record<string, () => unknown> = {
  ID: () => randomUUID(),
  String: () => 'x',
  Int: () => 1,
  Float: () => 1,
  Boolean: () => false,
  Date: () => '2026-04-01',
  DateTime: () => '2026-04-01T10:00:00+09:00',
};

/**
 * A syntactically valid value of an input type: scalars as above, the first enum value, for input
 * objects every required field (non-null, no default) recursively, optional fields omitted; a list
 * holds one element.
 */
export function sampleInputValue(type: GraphQLInputType, depth = 0, name = ''): unknown {
  if (depth > 10) throw new Error(`input type nests too deeply: ${String(type)}`);
  if (isNonNullType(type)) return sampleInputValue(type.ofType, depth, name);
  if (isListType(type)) return [sampleInputValue(type.ofType, depth + 1, name)];
  // a year argument (fiscalYear, insuranceYear, …) must be a plausible year (input validation)
  if (isScalarType(type) && type.name === 'Int' && /(^y|Y)ear$/.test(name)) return 2026;
  if (isScalarType(type)) return (SCALAR_VALUES[type.name] ?? SCALAR_VALUES.String!)();
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields()))
      if (isRequiredInputField(field))
        value[field.name] = sampleInputValue(field.type, depth + 1, field.name);
    return value;
  }
  throw new Error(`not an input type: ${String(type)}`);
}

/** One operation calling `field` of the root type `root` with sample values for its required arguments. */
export interface SampleOperation {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * `mutation { field(requiredArgs…) <selection> }`: arguments as variables with sample values,
 * optional arguments omitted; the selection is `{ __typename }` for object (and list-of-object)
 * results, nothing for scalar and enum results.
 */
export function sampleOperation(
  field: GraphQLField<unknown, unknown>,
  operation: 'query' | 'mutation' = 'mutation',
): SampleOperation {
  const args = field.args.filter(isRequiredArgument);
  const variables = Object.fromEntries(args.map((a) => [a.name, sampleInputValue(a.type, 0, a.name)]));
  const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  const name = `Sweep_${field.name}`;
  return {
    query: `${operation} ${name}${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`,
    variables,
  };
}

/**
 * Like `sampleOperation`, with chosen values: `pick(name, path, type)` gives the value of an
 * argument / input field (`path`: argument name, then field names; lists entered at their one
 * element), or undefined for the sample value; optional ones are given only when `pick` has a
 * value for them or for a field below them (`wants(path)`).
 */
export function chosenOperation(
  field: GraphQLField<unknown, unknown>,
  pick: (name: string, path: string, type: GraphQLInputType) => unknown,
  wants: (path: string) => boolean = () => false,
  operation: 'query' | 'mutation' = 'mutation',
): SampleOperation {
  const fill = (type: GraphQLInputType, name: string, path: string, depth: number): unknown => {
    if (depth > 10) throw new Error(`input type nests too deeply: ${String(type)}`);
    if (isNonNullType(type)) return fill(type.ofType, name, path, depth);
    if (isListType(type)) return [fill(type.ofType, name, path, depth + 1)];
    const chosen = pick(name, path, type);
    if (chosen !== undefined) return chosen;
    if (isInputObjectType(type)) {
      const value: Record<string, unknown> = {};
      for (const f of Object.values(type.getFields())) {
        const sub = `${path}.${f.name}`;
        if (isRequiredInputField(f) || wants(sub)) value[f.name] = fill(f.type, f.name, sub, depth + 1);
      }
      return value;
    }
    return sampleInputValue(type, depth, name);
  };
  const args = field.args.filter((a) => isRequiredArgument(a) || wants(a.name));
  const variables = Object.fromEntries(args.map((a) => [a.name, fill(a.type, a.name, a.name, 0)]));
  const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  return {
    query: `${operation} Chosen_${field.name}${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`,
    variables,
  };
}
