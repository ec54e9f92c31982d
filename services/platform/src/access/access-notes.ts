import { POLICY, type FieldGroup, type Relation } from './policy';
import { FIELD_RULES } from './field-rules';
import { groupRuleOf, type OtherRule } from './field-rule';

/** What the rules that are not field groups mean, for readers of the schema. */
const RULE_TEXT: Record<OtherRule, string> = {
  NESTED: 'as the field that returned its parent',
  AUTHENTICATED: 'any signed-in viewer',
  PUBLIC: 'anyone, without signing in',
  PERSON_LOOKUP: 'only persons the viewer has a relation to are returned',
  WRITE: 'decided per call by the write policy',
  STATISTICS: 'association staff and analytics clients (aggregates only)',
};

/** The relations of the policy table, as the access notes name them. */
export const RELATION_TEXT: Record<Relation, string> = {
  SELF: 'the person themself (an assistant within the rights granted, staff acting on their behalf)',
  MEMBER: 'staff of an association the person is a current member of',
  APPLICANT: 'staff of an association the person has a pending application to',
  FORMER_MEMBER: 'staff of an association the person was a member of',
  TRAINING_HOST: 'staff of an association hosting a session the person registered for',
  TRAINING_ISSUER: 'JMA staff, for JMA programs',
  SOCIETY_COHOST: "a co-hosting academic society's client, for the sessions it co-hosts",
};

/** The legend appended to the Person type's description: what the relation names mean. */
export const accessLegend = (): string =>
  'Each field states its access group and who may read it (generated from the access policy). ' +
  'Relations: ' +
  (Object.entries(RELATION_TEXT) as [Relation, string][]).map(([r, t]) => `${r} = ${t}`).join('; ') +
  '. Membership is never inherited across tiers. A person the viewer has no relation to is absent (null).';

/**
 * Who may read a field group, from the policy table: each relation granting it, with the viewer
 * tiers it is limited to and how far it reaches (the scope), e.g.
 * `SELF; MEMBER (NATIONAL, PREFECTURAL staff); TRAINING_HOST: HOSTED_SESSIONS`.
 */
export function groupReaders(group: FieldGroup): string {
  const allTiers = new Set(POLICY.find((r) => r.relation === 'SELF')!.tiers);
  return POLICY.filter((row) => row.grants[group])
    .map((row) => {
      const limited = row.tiers.length < allTiers.size ? ` (${row.tiers.join(', ')} staff)` : '';
      const scope = row.grants[group]!;
      return `${row.relation}${limited}${scope === 'ALL' ? '' : `: ${scope}`}`;
    })
    .join('; ');
}

/**
 * The access note of a field, generated from the field rules and the policy table (never written
 * by hand, so it cannot drift): `npm run compose` appends it to every Person field's description
 * in the supergraph. Undefined for a field without a rule.
 */
export function accessNote(coordinate: string): string | undefined {
  const rule = FIELD_RULES[coordinate];
  if (!rule) return undefined;
  const g = groupRuleOf(rule);
  if (!g) return `Access: ${rule as OtherRule} (${RULE_TEXT[rule as OtherRule]}).`;
  const required = g.requiredScope?.scope;
  if (required) {
    const readers = POLICY.filter((row) => row.grants[g.group] === required).map((row) => row.relation);
    return `Access: ${g.group}, scope ${required} only (${[...new Set(readers)].join(', ')}; an assistant or staff acting on the person's behalf as the person).`;
  }
  return `Access: ${g.group} (field group; readable by ${groupReaders(g.group)}).`;
}
