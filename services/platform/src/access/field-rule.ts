import type { MessageText } from '../messages';
import type { Viewer } from '../viewer';
import type { FieldGroup, Scope } from './policy';

/**
 * Every field of the supergraph has exactly one rule:
 * - a field group (person-keyed data, decided by the policy table per person), either as the
 *   group's name or as a `GroupFieldRule` that says more: which records of the group the viewer's
 *   scope covers, a scope the field needs, whether it is a name-and-registry field;
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
export type FieldRule = FieldGroup | GroupFieldRule | OtherRule;

/** The rules that are not a field group. */
export type OtherRule = 'NESTED' | 'AUTHENTICATED' | 'PUBLIC' | 'PERSON_LOOKUP' | 'WRITE' | 'STATISTICS';

/** A person field of a group, with what it needs beyond "some scope of the group". */
export interface GroupFieldRule {
  group: FieldGroup;
  /**
   * Which records of the group the viewer's scope covers. The shield applies it to the value the
   * field's resolver returned (a list: the records kept, order kept; one record: it or null): a
   * resolver returns the person's records, the access layer narrows them. Every list field of a
   * person-keyed type has one (record-rules.spec walks the supergraph).
   */
  records?: RecordRule;
  /**
   * The viewer must hold exactly this scope of the group (the person's own data: SELF). Decided
   * BEFORE the read is recorded, so a refused attempt does not appear as a read of the group.
   */
  requiredScope?: RequiredScope;
  /** An IDENTITY field that the NAME_AND_REGISTRY scope (academic-society clients) includes. */
  nameAndRegistry?: true;
}

/** A scope a field needs, and what a viewer with another scope of the group gets. */
export interface RequiredScope {
  scope: Scope;
  /** FORBIDDEN (the default): a field error; ABSENT: null, as if there were nothing. */
  otherwise?: 'FORBIDDEN' | 'ABSENT';
  /** The FORBIDDEN error's message (default: FIELD_NOT_ALLOWED). */
  message?: MessageText;
}

/** What a record predicate sees besides the record. */
export interface RecordContext {
  /** The viewer's (widest) scope of the field's group for the person. Never ALL: ALL sees every record. */
  scope: Scope;
  viewer: Viewer;
  /** The object the field belongs to (the Person). */
  parent: unknown;
  /** The field's arguments. */
  args: Readonly<Record<string, unknown>>;
  /** What `fact` loaded for this record (null when its key is null), else undefined. */
  fact: unknown;
  /** The record's position in the list the resolver returned (0 for a single record). */
  index: number;
}

/**
 * Which records of a granted group a viewer sees. A viewer with the group's ALL scope sees every
 * record (no predicate is asked, nothing more is loaded).
 * - `keep`: a predicate per record (built from scopes.ts);
 * - `fact`: what `keep` needs beside the record, loaded in one batch from the service's per-request
 *   loader of that name (`ctx.loaders[loader]`), e.g. each attendance's session; a missing loader
 *   keeps nothing (fail closed);
 * - `only`: the whole value or nothing (null), decided BEFORE the resolver runs (from the scope
 *   and the arguments: a summary of one programme);
 * - `all`: every record of the group, with the reason (the group's scopes do not narrow records).
 */
export type RecordRule =
  | {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- records of every type of the schema
      keep: (record: any, c: RecordContext) => boolean;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- records of every type of the schema
      fact?: { loader: string; key: (record: any) => string | null | undefined };
    }
  | { only: (c: Pick<RecordContext, 'scope' | 'viewer' | 'args'>) => boolean }
  | { all: string };

/** The group of a rule, if it is a group rule. */
export const groupOfRule = (rule: FieldRule | undefined): FieldGroup | undefined =>
  rule === undefined
    ? undefined
    : typeof rule === 'object'
      ? rule.group
      : isGroupName(rule)
        ? rule
        : undefined;

/** The rule as a GroupFieldRule (a bare group name: no extras), or undefined for the other rules. */
export const groupRuleOf = (rule: FieldRule | undefined): GroupFieldRule | undefined =>
  rule === undefined
    ? undefined
    : typeof rule === 'object'
      ? rule
      : isGroupName(rule)
        ? { group: rule }
        : undefined;

const OTHER_RULES: readonly string[] = [
  'NESTED',
  'AUTHENTICATED',
  'PUBLIC',
  'PERSON_LOOKUP',
  'WRITE',
  'STATISTICS',
] satisfies OtherRule[];
const isGroupName = (rule: string): rule is FieldGroup => !OTHER_RULES.includes(rule);
