import type { DataSource } from 'typeorm';
import { AccountEntity, StaffInvitationEntity } from '../entities';

/** One entry of an office's own audit trail (audit.entry rows whose actor is one of its staff). */
export interface OfficeAuditRow {
  seq: string;
  at: Date;
  service: string;
  operation: string | null;
  action: string;
  actor: string;
  onBehalfOf: string | null;
  groups: string[];
  personCount: number;
}

export interface OfficeAuditFilter {
  /** The office's staff account ids (the entries' possible actors). */
  actors: readonly string[];
  /** Entries at or after this instant. */
  from?: Date;
  /** Entries before this instant. */
  before?: Date;
  /** Cursor: entries with a smaller sequence number (older). */
  afterSeq?: string;
  limit: number;
}

/** Staff accounts of an association, their invitations, and the office's audit trail. */
export class StaffRepository {
  constructor(private readonly ds: DataSource) {}

  /** Every STAFF account of the association, by display name. */
  staffOf(associationId: string): Promise<AccountEntity[]> {
    return this.ds
      .getRepository(AccountEntity)
      .find({ where: { kind: 'STAFF', associationId }, order: { displayName: 'ASC', username: 'ASC' } });
  }

  async insertInvitation(row: Omit<StaffInvitationEntity, 'createdAt' | 'usedAt'>): Promise<void> {
    await this.ds.getRepository(StaffInvitationEntity).insert({ ...row, usedAt: null });
  }

  /** Void every unused invitation of the account (a newer one, or the account disabled). */
  async voidInvitations(accountId: string, at: Date): Promise<void> {
    await this.ds.query(
      `UPDATE staff_invitation SET used_at = $2 WHERE account_id = $1 AND used_at IS NULL`,
      [accountId, at],
    );
  }

  /** The unused invitation of this token that has not expired at `now`, or null. */
  usableInvitation(tokenHash: string, now: Date): Promise<StaffInvitationEntity | null> {
    return this.ds
      .getRepository(StaffInvitationEntity)
      .createQueryBuilder('i')
      .where('i.token_hash = :tokenHash AND i.used_at IS NULL AND i.expires_at > :now', { tokenHash, now })
      .getOne();
  }

  /**
   * Use the invitation once: true when this call marked it used (two submissions cannot both win;
   * an expired one is not used).
   */
  async useInvitation(id: string, now: Date): Promise<boolean> {
    const res: [unknown[], number] = await this.ds.query(
      `UPDATE staff_invitation SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $2`,
      [id, now],
    );
    return res[1] === 1;
  }

  /** The latest unused invitation's expiry per account (for the staff list). */
  async pendingInvitations(accountIds: readonly string[], now: Date): Promise<Map<string, Date>> {
    if (accountIds.length === 0) return new Map();
    const rows: { account_id: string; expires_at: Date }[] = await this.ds.query(
      `SELECT account_id, max(expires_at) AS expires_at FROM staff_invitation
       WHERE account_id = ANY($1::uuid[]) AND used_at IS NULL AND expires_at > $2
       GROUP BY account_id`,
      [[...accountIds], now],
    );
    return new Map(rows.map((r) => [r.account_id, new Date(r.expires_at)]));
  }

  /** Newest first, `limit + 1` rows (the caller tells whether there is a next page). */
  async officeAudit(f: OfficeAuditFilter): Promise<OfficeAuditRow[]> {
    if (f.actors.length === 0) return [];
    const rows: {
      seq: string;
      at: Date;
      service: string;
      operation: string | null;
      action: string;
      actor: string;
      on_behalf_of: string | null;
      groups: string[];
      person_count: number;
    }[] = await this.ds.query(
      // ordered by the bigint (the text alias would order 9 before 12)
      `SELECT e.seq::text AS seq, e.at, e.service, e.operation, e.action, e.actor, e.on_behalf_of, e.groups,
              cardinality(e.person_ids) AS person_count
       FROM audit.entry e
       WHERE e.actor = ANY($1::text[])
         AND ($2::timestamptz IS NULL OR e.at >= $2)
         AND ($3::timestamptz IS NULL OR e.at < $3)
         AND ($4::bigint IS NULL OR e.seq < $4)
       ORDER BY e.seq DESC
       LIMIT $5`,
      [[...f.actors], f.from ?? null, f.before ?? null, f.afterSeq ?? null, f.limit + 1],
    );
    return rows.map((r) => ({
      seq: r.seq,
      at: new Date(r.at),
      service: r.service,
      operation: r.operation,
      action: r.action,
      actor: r.actor,
      onBehalfOf: r.on_behalf_of,
      groups: r.groups,
      personCount: Number(r.person_count),
    }));
  }
}
