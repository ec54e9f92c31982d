import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** An account's status change for the shared, hash-chained audit trail (`audit.entry`). */
export interface AccountAuditEvent {
  /** e.g. `account_lifecycle:DECEASED`, `account_status:SUSPENDED`. */
  operation: string;
  /** The account that decided it; null when the lifecycle rule did (an event of the log). */
  actor: string | null;
  actorKind: 'STAFF' | 'SYSTEM';
  actorAssociation?: string | null;
  /** The account changed (recorded as `on_behalf_of`: whose account it is). */
  account: string;
  /** The physician's person (so the change shows in their access log); none for staff. */
  personId: string | null;
  /** The membership event or request behind it. */
  requestId?: string;
}

export class AuditRepository {
  constructor(private readonly ds: DataSource) {}

  /** Append one entry (the chain's trigger links it). */
  async append(e: AccountAuditEvent): Promise<void> {
    await this.ds.query(
      `INSERT INTO audit.entry (request_id, service, operation, actor, on_behalf_of, viewer_kind, viewer_association,
                                relations, person_ids, groups, action, prev_hash, hash)
       VALUES ($1, 'identity', $2, $3, $4, $5, $6::uuid, '{}', $7::uuid[], '{IDENTITY}', 'WRITE', '\\x'::bytea, '\\x'::bytea)`,
      [
        e.requestId ?? randomUUID(),
        e.operation,
        e.actor,
        e.account,
        e.actorKind,
        e.actorAssociation ?? null,
        e.personId ? [e.personId] : [],
      ],
    );
  }
}
