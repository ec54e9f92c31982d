import type { AssociationTierName } from '../viewer';

/**
 * THE access policy (design.md "Access: relations → field groups"), as one declarative table.
 * Everything else — shield rules, `__resolveReference` checks, list filters, exports, aggregates —
 * derives its decisions from `groupsFor` below; nothing else may decide access.
 */
export const FIELD_GROUPS = [
  'IDENTITY',
  'CONTACT',
  'PROFILE',
  'MEMBERSHIP',
  'DUES',
  'TRAINING',
  'INSURANCE',
  'PENSION',
  'CONSENT',
] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

export const RELATIONS = [
  'SELF',
  'MEMBER',
  'APPLICANT',
  'FORMER_MEMBER',
  'TRAINING_HOST',
  'TRAINING_ISSUER',
  'SOCIETY_COHOST',
] as const;
export type Relation = (typeof RELATIONS)[number];

const ALL_TIERS: readonly AssociationTierName[] = [
  'NATIONAL',
  'PREFECTURAL',
  'MUNICIPAL',
  'DISTRICT',
  'WORKPLACE',
];

/**
 * How far a granted group reaches within the person's records:
 * - ALL: everything in the group;
 * - OWN_ASSOCIATION: only records with the viewer's association (dues, membership history);
 * - HOSTED_SESSIONS / JMA_PROGRAMS / COHOSTED_SESSIONS: only those training records;
 * - THE_APPLICATION: only the pending application to the viewer's association;
 * - STATUS_ONLY: consent status, not the acceptance records' details;
 * - NAME_AND_REGISTRY: IDENTITY restricted to name and registry number.
 */
export type Scope =
  | 'ALL'
  | 'OWN_ASSOCIATION'
  | 'HOSTED_SESSIONS'
  | 'JMA_PROGRAMS'
  | 'COHOSTED_SESSIONS'
  | 'THE_APPLICATION'
  | 'STATUS_ONLY'
  | 'NAME_AND_REGISTRY';

export interface PolicyRow {
  relation: Relation;
  /** Viewer association tiers the row applies to (SELF and SOCIETY_COHOST: any). */
  tiers: readonly AssociationTierName[];
  grants: Partial<Record<FieldGroup, Scope>>;
}

// prettier-ignore
export const POLICY: readonly PolicyRow[] = [
  { relation: 'SELF', tiers: ALL_TIERS, grants: {
      IDENTITY: 'ALL', CONTACT: 'ALL', PROFILE: 'ALL', MEMBERSHIP: 'ALL', DUES: 'ALL',
      TRAINING: 'ALL', INSURANCE: 'ALL', PENSION: 'ALL', CONSENT: 'ALL' } },
  { relation: 'MEMBER', tiers: ALL_TIERS, grants: {
      IDENTITY: 'ALL', CONTACT: 'ALL', PROFILE: 'ALL', MEMBERSHIP: 'ALL', DUES: 'OWN_ASSOCIATION',
      TRAINING: 'ALL', CONSENT: 'STATUS_ONLY' } },
  { relation: 'MEMBER', tiers: ['NATIONAL', 'PREFECTURAL'], grants: { INSURANCE: 'ALL' } },
  { relation: 'MEMBER', tiers: ['NATIONAL'], grants: { PENSION: 'ALL' } },
  { relation: 'APPLICANT', tiers: ALL_TIERS, grants: {
      IDENTITY: 'ALL', CONTACT: 'ALL', PROFILE: 'ALL', MEMBERSHIP: 'THE_APPLICATION' } },
  { relation: 'FORMER_MEMBER', tiers: ALL_TIERS, grants: {
      IDENTITY: 'ALL', MEMBERSHIP: 'OWN_ASSOCIATION', DUES: 'OWN_ASSOCIATION' } },
  { relation: 'TRAINING_HOST', tiers: ALL_TIERS, grants: { IDENTITY: 'ALL', TRAINING: 'HOSTED_SESSIONS' } },
  { relation: 'TRAINING_ISSUER', tiers: ['NATIONAL'], grants: { IDENTITY: 'ALL', TRAINING: 'JMA_PROGRAMS' } },
  { relation: 'SOCIETY_COHOST', tiers: ALL_TIERS, grants: {
      IDENTITY: 'NAME_AND_REGISTRY', TRAINING: 'COHOSTED_SESSIONS' } },
];

/** Breadth order of scopes, for merging grants from several relations (wider wins). */
const WIDTH: Record<Scope, number> = {
  ALL: 100,
  OWN_ASSOCIATION: 50,
  HOSTED_SESSIONS: 40,
  JMA_PROGRAMS: 40,
  COHOSTED_SESSIONS: 30,
  THE_APPLICATION: 20,
  STATUS_ONLY: 10,
  NAME_AND_REGISTRY: 10,
};

export type Grants = Partial<Record<FieldGroup, Scope[]>>;

/**
 * The groups (and how far into each) a viewer gets for one person, given every relation the
 * viewer has to that person. `tier` is the viewer association's tier (undefined for persons
 * themselves and clients; only SELF and SOCIETY_COHOST apply then). No relation → no group: the
 * person is invisible.
 */
export function grantsFor(relations: Iterable<Relation>, tier: AssociationTierName | undefined): Grants {
  const out: Grants = {};
  const rels = new Set(relations);
  for (const row of POLICY) {
    if (!rels.has(row.relation)) continue;
    const tierless = row.relation === 'SELF' || row.relation === 'SOCIETY_COHOST';
    if (!tierless && (!tier || !row.tiers.includes(tier))) continue;
    for (const [group, scope] of Object.entries(row.grants) as [FieldGroup, Scope][]) {
      const list = (out[group] ??= []);
      if (!list.includes(scope)) list.push(scope);
    }
  }
  for (const list of Object.values(out)) list.sort((a, b) => WIDTH[b] - WIDTH[a]);
  return out;
}

/** Does the viewer see anything of this person at all? (Otherwise: absent, not forbidden.) */
export const isVisible = (grants: Grants): boolean => Object.keys(grants).length > 0;

/** The widest scope granted for a group, or undefined when the group is denied. */
export const scopeOf = (grants: Grants, group: FieldGroup): Scope | undefined => grants[group]?.[0];
