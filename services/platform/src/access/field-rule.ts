import type { FieldGroup } from './policy';

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
