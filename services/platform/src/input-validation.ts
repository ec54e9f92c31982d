import {
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { AppError, ErrorCode } from './errors';
import { isUuid } from './ids';
import { Messages } from './messages';

/**
 * Input validation of every argument value of an operation, BEFORE anything is planned or sent
 * to a subgraph (and so before SQL sees it). Each malformed value is a BAD_USER_INPUT with the
 * argument path in `extensions.field` (`input.birthDate`) and a stable `details.reason`:
 *
 * | reason              | what                                                                        |
 * | ------------------- | --------------------------------------------------------------------------- |
 * | INVALID_ID          | an `ID` that is not a UUID (every id of the system is one), `""` included   |
 * | INVALID_DATE        | a `Date` that is not a real calendar date YYYY-MM-DD (`2026-02-30`, `""`)   |
 * | INVALID_DATE_TIME   | a `DateTime` that is not an ISO 8601 instant with a real date               |
 * | CONTROL_CHARACTER   | a string with NUL or another control character (tab, CR, LF are allowed)    |
 * | INVISIBLE_CHARACTER | a name, kana or address with a bidi control or a zero-width character       |
 * | OUT_OF_RANGE        | a year (`…Year` argument) outside 1900–2200                                 |
 *
 * Names and addresses REFUSE bidi controls and zero-width characters (they are never typed on
 * purpose and make two different records look the same); nothing is silently normalised.
 */

export type InputProblem =
  | 'INVALID_ID'
  | 'INVALID_DATE'
  | 'INVALID_DATE_TIME'
  | 'CONTROL_CHARACTER'
  | 'INVISIBLE_CHARACTER'
  | 'OUT_OF_RANGE';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;
// C0 controls except TAB, LF, CR; DEL; C1 controls
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// bidi embeddings/overrides/isolates/marks, zero-width space/joiners, word joiner, BOM
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
/** Argument / input field names that hold a person's or an association's name or address. */
const NAME_OR_ADDRESS = /name|kana|address/i;
const YEAR = /(^y|Y)ear$/;

/** A real calendar date YYYY-MM-DD (no 2026-02-30, no 2023-02-29). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

export function isIsoDateTime(value: string): boolean {
  const m = ISO_DATE_TIME.exec(value);
  return !!m && isCalendarDate(m[1]!) && !Number.isNaN(new Date(value).getTime());
}

/** What is wrong with a string given for a `String` argument/field called `name`, if anything. */
export function textProblem(name: string, value: string): InputProblem | undefined {
  if (CONTROL.test(value)) return 'CONTROL_CHARACTER';
  if (NAME_OR_ADDRESS.test(name) && INVISIBLE.test(value)) return 'INVISIBLE_CHARACTER';
  return undefined;
}

function leafProblem(scalar: string, name: string, value: unknown): InputProblem | undefined {
  switch (scalar) {
    case 'ID':
      return typeof value === 'string' && isUuid(value) ? undefined : 'INVALID_ID';
    case 'Date':
      return typeof value === 'string' && isCalendarDate(value) ? undefined : 'INVALID_DATE';
    case 'DateTime':
      return typeof value === 'string' && isIsoDateTime(value) ? undefined : 'INVALID_DATE_TIME';
    case 'Int':
      return YEAR.test(name) && typeof value === 'number' && (value < 1900 || value > 2200)
        ? 'OUT_OF_RANGE'
        : undefined;
    default:
      return typeof value === 'string' ? textProblem(name, value) : undefined;
  }
}

function check(type: GraphQLInputType, name: string, value: unknown, path: string, out: AppError[]): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return check(type.ofType, name, value, path, out);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((v, i) => check(type.ofType, name, v, `${path}.${i}`, out));
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return;
    for (const [k, f] of Object.entries(type.getFields()))
      check(f.type, k, (value as Record<string, unknown>)[k], `${path}.${k}`, out);
    return;
  }
  if (isScalarType(type)) {
    const problem = leafProblem(type.name, name, value);
    if (problem)
      out.push(
        new AppError(ErrorCode.BAD_USER_INPUT, Messages[problem], {
          field: path,
          details: { reason: problem },
        }),
      );
  }
}

/**
 * Every malformed argument value of `operation` (variables and literals, in fragments too).
 * Values graphql-js itself cannot coerce are left to its own (validation/coercion) errors.
 */
export function inputProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): AppError[] {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, {
    maxErrors: 1,
  });
  if (coerced.errors) return [];
  const out: AppError[] = [];
  const typeInfo = new TypeInfo(schema);
  const parts = document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION);
  for (const part of parts)
    visit(
      part,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const def = typeInfo.getFieldDef();
          if (!def || def.args.length === 0 || !node.arguments?.length) return;
          let values: Record<string, unknown>;
          try {
            values = getArgumentValues(def, node, coerced.coerced);
          } catch {
            return;
          }
          for (const arg of def.args) check(arg.type, arg.name, values[arg.name], arg.name, out);
        },
      }),
    );
  return out;
}
