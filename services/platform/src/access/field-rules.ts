import { isObjectType, type GraphQLSchema } from 'graphql';
import type { FieldGroup, Scope } from './policy';
import { MEMBERSHIP_FIELD_RULES } from './field-rules/membership';
import { TRAINING_FIELD_RULES } from './field-rules/training';
import { INSURANCE_PENSION_FIELD_RULES } from './field-rules/insurance-pension';
import { CONSENT_FIELD_RULES } from './field-rules/consent';
import { STATISTICS_FIELD_RULES } from './field-rules/statistics';

/**
 * Every field of the supergraph has exactly one rule:
 * - a field group (person-keyed data, decided by the policy table per person);
 * - `NESTED`: a field of a type that is only reachable through a group-protected Person field
 *   (Membership.category under Person.memberships): it inherits that decision;
 * - `AUTHENTICATED`: organisational data any signed-in viewer may read (the association tree,
 *   session listings);
 * - `PUBLIC`: readable without login (the terms of use, the joint-use notice, certificate check);
 * - `PERSON_LOOKUP`: a root field returning persons: only visible persons come back (absent, not
 *   forbidden, otherwise).
 * - `WRITE`: a mutation. People (physicians, assistants, staff; no machine client) reach the resolver, which MUST
 *   decide with `ctx.access.authorizeWrite` (person-keyed) or `ctx.access.authorizeAssociation`
 *   (association-keyed): both read the WRITE_POLICY / ASSOCIATION_OPERATIONS tables in policy.ts;
 * - `STATISTICS`: an aggregate (analytics): staff and analytics clients; never person data.
 * Federation plumbing (`_service`, `_entities`) is checked by the services themselves.
 */
export type FieldRule =
  FieldGroup | 'NESTED' | 'AUTHENTICATED' | 'PUBLIC' | 'PERSON_LOOKUP' | 'WRITE' | 'STATISTICS';

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
  // the person's own notices (issue 9): not a member association's CONSENT status
  'Person.notifications': 'ALL',
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
