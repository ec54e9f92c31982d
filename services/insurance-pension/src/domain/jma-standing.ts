import type { JmaStanding } from './insurance-rules';

/** A JMA membership of a person as the access view holds it (access.jma_member_v1). */
export interface JmaMembershipRecord {
  personId: string;
  category: string;
  status: string;
  /** YYYY-MM-DD */
  joinedOn: string;
  /** YYYY-MM-DD, null when unknown */
  birthDate: string | null;
}

/**
 * Each person's current JMA standing from their JMA memberships (absent: never a JMA member). The
 * membership that counts: an ACTIVE one if there is one, else the most recently joined; the
 * category is that of a current (ACTIVE) member only — null otherwise.
 */
export function jmaStandings(records: readonly JmaMembershipRecord[]): Map<string, JmaStanding> {
  const chosen = new Map<string, JmaMembershipRecord>();
  for (const r of records) {
    const best = chosen.get(r.personId);
    if (!best || ranksBefore(r, best)) chosen.set(r.personId, r);
  }
  const out = new Map<string, JmaStanding>();
  for (const [personId, r] of chosen)
    out.set(personId, { category: r.status === 'ACTIVE' ? r.category : null, birthDate: r.birthDate });
  return out;
}

/** ACTIVE first, then the later joining date; ties keep the record met first. */
function ranksBefore(a: JmaMembershipRecord, b: JmaMembershipRecord): boolean {
  const activeA = a.status === 'ACTIVE';
  const activeB = b.status === 'ACTIVE';
  if (activeA !== activeB) return activeA;
  return a.joinedOn > b.joinedOn;
}
