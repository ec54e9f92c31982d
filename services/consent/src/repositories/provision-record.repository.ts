import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { onlyUuids } from '@mamis/platform';
import { ProvisionRecordEntity } from '../entities';

/** The data items handed to the mail delivery vendor with a notice: the name and the address. */
export const MAIL_PROVISION_ITEMS = 'name,email';
/** How they were handed: as e-mail through the relay. */
export const MAIL_PROVISION_FORMAT = 'EMAIL';

/** A provision record as listed for one person it covers. */
export type PersonProvisionRecord = ProvisionRecordEntity & { personId: string };

/**
 * The records of provision of members' names and e-mail addresses to the mail delivery vendor
 * (domain.md §3.7, purpose ⑫): written in the transaction that queues an association's notice or
 * survey, read for the person's disclosure (APPI art. 33).
 */
export class ProvisionRecordRepository {
  /** `mailVendor`: who the e-mail is handed to; null when e-mail is switched off (nothing recorded). */
  constructor(
    private readonly ds: DataSource,
    readonly mailVendor: string | null,
  ) {}

  /**
   * Record, inside the sending transaction, that the e-mail queued for these persons hands their
   * names and addresses to the mail delivery vendor: one record covering those of them with an
   * e-mail address (without one nothing is handed to anyone). Null when nobody is covered or e-mail
   * is switched off.
   */
  async recordMailProvision(
    manager: EntityManager,
    input: { associationId: string; actor: string; purpose: string; personIds: readonly string[] },
  ): Promise<string | null> {
    const ids = onlyUuids(input.personIds);
    if (!this.mailVendor || !ids.length) return null;
    const withEmail = (
      (await manager.query(
        `SELECT DISTINCT person_id::text AS id FROM access.person_email_v1 WHERE person_id = ANY($1::uuid[])
         ORDER BY 1`,
        [ids],
      )) as { id: string }[]
    ).map((r) => r.id);
    if (!withEmail.length) return null;
    const id = randomUUID();
    await manager.getRepository(ProvisionRecordEntity).insert({
      id,
      associationId: input.associationId,
      actor: input.actor,
      recipient: this.mailVendor,
      purpose: input.purpose,
      items: MAIL_PROVISION_ITEMS,
      format: MAIL_PROVISION_FORMAT,
      rowCount: withEmail.length,
    });
    for (let i = 0; i < withEmail.length; i += 5000)
      await manager.query(
        `INSERT INTO provision_record_person (provision_record_id, person_id, association_id)
         SELECT $1::uuid, unnest($2::uuid[]), $3::uuid`,
        [id, withEmail.slice(i, i + 5000), input.associationId],
      );
    return id;
  }

  /** The provision records covering these persons, newest first (one statement per batch). */
  async byPersonIds(personIds: readonly string[]): Promise<PersonProvisionRecord[]> {
    const ids = onlyUuids(personIds);
    if (!ids.length) return [];
    const links = (await this.ds.query(
      `SELECT provision_record_id::text AS rid, person_id::text AS pid
       FROM provision_record_person WHERE person_id = ANY($1::uuid[])`,
      [ids],
    )) as { rid: string; pid: string }[];
    if (!links.length) return [];
    const records = await this.ds
      .getRepository(ProvisionRecordEntity)
      .find({ where: { id: In([...new Set(links.map((l) => l.rid))]) } });
    const byId = new Map(records.map((r) => [r.id, r]));
    return links
      .filter((l) => byId.has(l.rid))
      .map((l) => ({ ...byId.get(l.rid)!, personId: l.pid }))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id));
  }
}
