import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { onlyUuids } from '@mamis/platform';
import { ProvisionRecordEntity } from '../entities';
import type { MailingEntry } from '../mailing/mailing-file';

export interface MailingMember extends MailingEntry {
  personId: string;
}

/** A provision record as listed for one person it covers. */
export type PersonProvisionRecord = ProvisionRecordEntity & { personId: string };

/** Mailing lists of an association's own current members, and the records of what was provided. */
export class ProvisionRecordRepository {
  constructor(private readonly ds: DataSource) {}

  /** Current (ACTIVE) members of the association with their contact address, in kana order. */
  async currentMembers(associationId: string): Promise<MailingMember[]> {
    const rows = (await this.ds.query(
      `SELECT p.id::text AS "personId", p.postal_code AS "postalCode", p.address,
              p.family_name AS "familyName", p.given_name AS "givenName",
              p.family_name_kana AS "familyNameKana", p.given_name_kana AS "givenNameKana"
       FROM membership.person p
       WHERE EXISTS (SELECT 1 FROM membership.membership m
                     WHERE m.person_id = p.id AND m.association_id = $1 AND m.status = 'ACTIVE')
       ORDER BY p.family_name_kana, p.given_name_kana, p.id`,
      [associationId],
    )) as MailingMember[];
    return rows;
  }

  /** Record a provision (who, when, to whom, why, which persons) in one transaction. */
  async record(
    input: {
      associationId: string;
      actor: string;
      recipient: string;
      purpose: string;
      items: string;
      format: string;
      personIds: readonly string[];
    },
    manager?: EntityManager,
  ): Promise<ProvisionRecordEntity> {
    const work = async (m: EntityManager) => {
      const id = randomUUID();
      await m.getRepository(ProvisionRecordEntity).insert({
        id,
        associationId: input.associationId,
        actor: input.actor,
        recipient: input.recipient,
        purpose: input.purpose,
        items: input.items,
        format: input.format,
        rowCount: input.personIds.length,
      });
      for (let i = 0; i < input.personIds.length; i += 5000)
        await m.query(
          `INSERT INTO membership.provision_record_person (provision_record_id, person_id, association_id)
           SELECT $1, unnest($2::uuid[]), $3`,
          [id, input.personIds.slice(i, i + 5000), input.associationId],
        );
      return m.getRepository(ProvisionRecordEntity).findOneByOrFail({ id });
    };
    return manager ? work(manager) : this.ds.transaction(work);
  }

  findById(id: string): Promise<ProvisionRecordEntity | null> {
    if (!onlyUuids([id]).length) return Promise.resolve(null);
    return this.ds.getRepository(ProvisionRecordEntity).findOneBy({ id });
  }

  /** These persons' names and postal addresses (letters to them), in kana order. */
  async mailingEntries(personIds: readonly string[]): Promise<MailingMember[]> {
    const ids = onlyUuids(personIds);
    if (!ids.length) return [];
    return (await this.ds.query(
      `SELECT p.id::text AS "personId", p.postal_code AS "postalCode", p.address,
              p.family_name AS "familyName", p.given_name AS "givenName",
              p.family_name_kana AS "familyNameKana", p.given_name_kana AS "givenNameKana"
       FROM membership.person p WHERE p.id = ANY($1::uuid[])
       ORDER BY p.family_name_kana, p.given_name_kana, p.id`,
      [ids],
    )) as MailingMember[];
  }

  /** The provision records covering these persons, newest first (one statement per batch). */
  async byPersonIds(personIds: readonly string[]): Promise<PersonProvisionRecord[]> {
    const ids = onlyUuids(personIds);
    if (!ids.length) return [];
    const links = (await this.ds.query(
      `SELECT provision_record_id::text AS rid, person_id::text AS pid
       FROM membership.provision_record_person WHERE person_id = ANY($1::uuid[])`,
      [ids],
    )) as { rid: string; pid: string }[];
    if (!links.length) return [];
    const records = await this.ds
      .getRepository(ProvisionRecordEntity)
      .find({ where: { id: In([...new Set(links.map((l) => l.rid))]) }, order: { createdAt: 'DESC' } });
    const byId = new Map(records.map((r) => [r.id, r]));
    return links
      .map((l) => ({ ...byId.get(l.rid)!, personId: l.pid }))
      .filter((r) => r.id)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }
}
