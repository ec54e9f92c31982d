/**
 * Which prefectural association checks a certification application of a JMA programme: the one
 * the applicant asked for, if it is one of their current prefectural memberships; none asked for,
 * the most recently joined of them. Null: no association may check it (the caller refuses).
 * `memberships`: the person's current prefectural memberships, most recently joined first.
 */
export function checkingAssociation(
  memberships: readonly string[],
  requested: string | null | undefined,
): string | null {
  if (!requested) return memberships[0] ?? null;
  const wanted = requested.toLowerCase();
  return memberships.find((id) => id.toLowerCase() === wanted) ?? null;
}
