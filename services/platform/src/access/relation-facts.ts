import type { Viewer } from '../viewer';
import type { Relation } from './policy';

/**
 * "Who is related to whom", written once. Each fact is a view of the `access` schema whose rows
 * relate a viewer to the row's `person_id`; every SQL form of the relations is generated from this
 * list (relations.ts: the batched relation query, the set and the per-row predicate of list
 * queries; infra/db/row-security.ts: the row-security predicate; infra/db/access-views.ts: the
 * view `access.related_person_v1`). Adding a relation is one entry here (and its grants in the
 * policy table); `relation-forms.integration.spec.ts` proves the forms answer alike. The database
 * gets the generated view and policies from a platform migration (a literal snapshot):
 * `npm run migration:check` fails until `npm run migration:generate -- platform <Name>` wrote it.
 *
 * SELF (the viewer's own person) is not a fact of the database: it comes from the token.
 */
export interface RelationFact {
  /** An `access` view with a `person_id` column (read as `x`). */
  readonly source: string;
  /**
   * What of the viewer a row must match: `association` (staff, and an assistant of an
   * association: `x.<column>` is the viewer's association), `national` (the JMA's staff: every
   * row), `societies` (a society client: `x.<column>` is one of its societies).
   */
  readonly match: 'association' | 'national' | 'societies';
  /** The column compared with the viewer's association or societies. */
  readonly column?: string;
  /** Which rows count at all (on `x`). */
  readonly where?: string;
  /**
   * The relation each counting row gives, with the condition that picks it (on `x`; null: every
   * counting row). The conditions of one fact must cover all its counting rows.
   */
  readonly relations: Readonly<Partial<Record<Relation, string | null>>>;
}

export const RELATION_FACTS: readonly RelationFact[] = [
  // membership is a fact per association: only the viewer's own association's rows count, nothing
  // is inherited up or down the tree
  {
    source: 'access.membership_v1',
    match: 'association',
    column: 'association_id',
    relations: { MEMBER: "x.status = 'ACTIVE'", FORMER_MEMBER: "x.status <> 'ACTIVE'" },
  },
  // a pending application: the associations of its steps
  {
    source: 'access.application_v1',
    match: 'association',
    column: 'association_id',
    where: 'x.pending',
    relations: { APPLICANT: null },
  },
  // attendance (not cancelled) at a session the association hosts
  {
    source: 'access.attendance_v1',
    match: 'association',
    column: 'host_association_id',
    relations: { TRAINING_HOST: null },
  },
  // the JMA issues credits and certificates of its programmes: persons with such records
  { source: 'access.jma_training_v1', match: 'national', relations: { TRAINING_ISSUER: null } },
  // a society client: attendees of sessions it co-hosts
  {
    source: 'access.attendance_v1',
    match: 'societies',
    column: 'cohost_society_id',
    relations: { SOCIETY_COHOST: null },
  },
];

/** What of a viewer the facts are matched with (also the row-security settings: rls.ts). */
export interface RelationKeys {
  /** The viewer's own person (SELF). */
  person: string | null;
  /** The association whose facts relate (staff; an assistant of an association, not of a person). */
  association: string | null;
  /** Whether that association is the JMA (facts matched `national`). */
  national: boolean;
  /** The academic societies a client acts for (scopes `society:<id>`). */
  societies: string[];
}

/** The academic societies a client acts for (scopes `society:<id>`). */
export const societiesOf = (viewer: Pick<Viewer, 'kind' | 'scopes'>): string[] =>
  viewer.kind === 'CLIENT'
    ? viewer.scopes.filter((s) => s.startsWith('society:')).map((s) => s.slice('society:'.length))
    : [];

/** The one derivation of a viewer's relation keys. */
export function relationKeysOf(viewer: Viewer): RelationKeys {
  const association =
    (viewer.kind === 'STAFF' || (viewer.kind === 'ASSISTANT' && !viewer.personId)) && viewer.associationId
      ? viewer.associationId
      : null;
  return {
    person: viewer.personId ?? null,
    association,
    national: association !== null && viewer.associationTier === 'NATIONAL',
    societies: societiesOf(viewer),
  };
}

/** SQL values of a viewer's keys, as placeholders or expressions the caller provides. */
export interface KeyExpressions {
  association: string;
  /** A boolean expression: the viewer is the JMA's. */
  national: string;
  /** A text[] expression. */
  societies: string;
}

/**
 * The condition that a row `x` of `fact` relates the viewer (given as SQL expressions) to its
 * person — without the guard on whether the viewer has that key at all.
 */
export function factMatchSql(fact: RelationFact, keys: KeyExpressions): string {
  const conds: string[] = [];
  if (fact.match === 'association') conds.push(`x.${fact.column} = ${keys.association}`);
  if (fact.match === 'societies') conds.push(`x.${fact.column} = ANY (${keys.societies})`);
  if (fact.where) conds.push(fact.where);
  return conds.length ? conds.join(' AND ') : 'true';
}

/** The facts that can relate a viewer with these keys (none for a key the viewer lacks). */
export function factsFor(keys: RelationKeys): RelationFact[] {
  return RELATION_FACTS.filter((f) =>
    f.match === 'association'
      ? keys.association !== null
      : f.match === 'national'
        ? keys.national
        : keys.societies.length > 0,
  );
}
