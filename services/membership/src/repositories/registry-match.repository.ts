import type { DataSource, EntityManager } from 'typeorm';

/**
 * Registrations kept apart because the association could not see the registry number's holder
 * (`membership.person.registry_match_of`): the ACTIVE memberships of the records marked as awaiting
 * a match with a person. Row security shows the marked records to nobody but their association:
 * callers run these as the system after the policy decided.
 */
export interface RegistryMatchRow {
  id: string;
  person_id: string;
  association_id: string;
  category: string;
  joined_on: string;
}

const MATCHES = `SELECT m.id::text AS id, m.person_id::text AS person_id, m.association_id::text AS association_id,
         m.category, m.joined_on::text AS joined_on
    FROM membership.person p JOIN membership.membership m ON m.person_id = p.id AND m.status = 'ACTIVE'
   WHERE p.registry_match_of = $1`;

export class RegistryMatchRepository {
  /** The registrations awaiting a match with `holder`, oldest first. */
  static async of(db: DataSource | EntityManager, holder: string): Promise<RegistryMatchRow[]> {
    return (await db.query(`${MATCHES} ORDER BY m.joined_on, m.id`, [holder])) as RegistryMatchRow[];
  }

  /** One registration awaiting a match with `holder`, locked for the transaction; undefined if none. */
  static async lock(
    manager: EntityManager,
    holder: string,
    id: string,
  ): Promise<RegistryMatchRow | undefined> {
    const [match] = (await manager.query(`${MATCHES} AND m.id = $2 FOR UPDATE OF m`, [
      holder,
      id,
    ])) as RegistryMatchRow[];
    return match;
  }
}
