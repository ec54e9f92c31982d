import { getNamedType, isListType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { groupRuleOf, type FieldRule } from './field-rule';
import { MEMBERSHIP_FIELD_RULES } from './field-rules/membership';
import { TRAINING_FIELD_RULES } from './field-rules/training';
import { INSURANCE_PENSION_FIELD_RULES } from './field-rules/insurance-pension';
import { CONSENT_FIELD_RULES } from './field-rules/consent';
import { STATISTICS_FIELD_RULES } from './field-rules/statistics';

export type { FieldRule, GroupFieldRule, RecordRule, RecordContext, RequiredScope } from './field-rule';
export { groupOfRule, groupRuleOf } from './field-rule';

/**
 * The rules, one file per subgraph (field-rules/<subgraph>.ts). A field defined by two subgraphs
 * (`Person.id`, shared value types) must have the same rule in both: checked at load.
 */
export const FIELD_RULES: Readonly<Record<string, FieldRule>> = mergeRules(
  MEMBERSHIP_FIELD_RULES,
  TRAINING_FIELD_RULES,
  INSURANCE_PENSION_FIELD_RULES,
  CONSENT_FIELD_RULES,
  STATISTICS_FIELD_RULES,
);

function mergeRules(...parts: Readonly<Record<string, FieldRule>>[]): Record<string, FieldRule> {
  const out: Record<string, FieldRule> = {};
  for (const part of parts)
    for (const [key, rule] of Object.entries(part)) {
      if (out[key] && out[key] !== rule)
        throw new Error(`conflicting access rules for ${key}: ${String(out[key])} / ${String(rule)}`);
      out[key] = rule;
    }
  return out;
}

const PLUMBING = /^(_|join__|link__)/;

/**
 * Walk a (super)graph schema and list every field without a rule — the startup check: a
 * non-empty list means a field could be served with no access decision, so startup must fail.
 */
export function fieldsWithoutRule(
  schema: GraphQLSchema,
  rules: Readonly<Record<string, FieldRule>> = FIELD_RULES,
): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || PLUMBING.test(type.name)) continue;
    for (const field of Object.keys(type.getFields())) {
      if (PLUMBING.test(field)) continue;
      const key = `${type.name}.${field}`;
      if (!rules[key]) missing.push(key);
    }
  }
  return missing.sort();
}

/**
 * The list fields of person-keyed types (a type with a field of a field group: Person) whose items
 * are records (objects), without a record rule: neither a predicate (`keep`, `only`) nor an
 * explicit "every record of the group" (`all`, with its reason). Such a field would hand every
 * record of a granted group to any viewer with some scope of it — a former member association
 * would see other associations' records — and no rule would notice.
 */
export function listFieldsWithoutRecordRule(
  schema: GraphQLSchema,
  rules: Readonly<Record<string, FieldRule>> = FIELD_RULES,
): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    const fields = Object.entries(type.getFields());
    const personKeyed = fields.some(([f]) => groupRuleOf(rules[`${type.name}.${f}`]));
    if (!personKeyed) continue;
    for (const [name, field] of fields) {
      if (
        !isListType(isNonNullType(field.type) ? field.type.ofType : field.type) ||
        !isObjectType(getNamedType(field.type))
      )
        continue;
      const key = `${type.name}.${name}`;
      const records = groupRuleOf(rules[key])?.records;
      if (!records || ('all' in records && !records.all.trim())) missing.push(key);
    }
  }
  return missing.sort();
}
