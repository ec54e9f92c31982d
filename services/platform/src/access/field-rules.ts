import { isObjectType, type GraphQLSchema } from 'graphql';
import type { Scope } from './policy';
import type { FieldRule } from './field-rule';
import { MEMBERSHIP_FIELD_RULES } from './field-rules/membership';
import { TRAINING_FIELD_RULES } from './field-rules/training';
import { INSURANCE_PENSION_FIELD_RULES } from './field-rules/insurance-pension';
import { CONSENT_FIELD_RULES } from './field-rules/consent';
import { STATISTICS_FIELD_RULES } from './field-rules/statistics';

export type { FieldRule };

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

/**
 * Fields that need more than some scope of their group: the viewer must hold exactly this scope.
 * Decided BEFORE the read is recorded, so a refused attempt does not appear as a read of the group.
 * - `Person.accessLog` (and `Person.provisionRecords`) are CONSENT data about the person that only the person (SELF: the physician,
 *   their active assistant, staff acting on their behalf) may read; a member association's
 *   CONSENT STATUS_ONLY does not cover it.
 */
export const REQUIRED_SCOPE: Readonly<Record<string, Scope>> = {
  'Person.accessLog': 'ALL',
  // the person's own notices: not a member association's CONSENT status
  'Person.notifications': 'ALL',
  // the person's own surveys and answers: not a member association's CONSENT status
  'Person.surveys': 'ALL',
  // what was handed to the mail delivery vendor about the person: their own disclosure only
  'Person.emailProvisionRecords': 'ALL',
};

function mergeRules(...parts: Readonly<Record<string, FieldRule>>[]): Record<string, FieldRule> {
  const out: Record<string, FieldRule> = {};
  for (const part of parts)
    for (const [key, rule] of Object.entries(part)) {
      if (out[key] && out[key] !== rule)
        throw new Error(`conflicting access rules for ${key}: ${out[key]} / ${rule}`);
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
