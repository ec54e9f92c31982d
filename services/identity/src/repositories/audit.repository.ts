import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * An identity event for the shared, hash-chained audit trail (`audit.entry`, service `identity`):
 * account status changes, assistant grants and their revocation, act-on-behalf tokens, clients.
 */
export interface AccountAuditEvent {
  /** e.g. `account_lifecycle:DECEASED`, `account_status:SUSPENDED`, `assistant_grant:created`. */
  operation: string;
  /** The account that decided it; null when the system did (the lifecycle rule, seeding). */
  actor: string | null;
  actorKind: 'STAFF' | 'PHYSICIAN' | 'SYSTEM';
  actorAssociation?: string | null;
  /**
   * What the event concerns (recorded as `on_behalf_of`): the account changed, the assistant's
   * account of a grant, the physician's account of an act-on-behalf token, or `client:<id>`.
   */
  account: string | null;
  /** The physician's person (so the event shows in their access log); none for staff or clients. */
  personId: string | null;
  /** The membership event, grant id, token id (jti) or request behind it. */
  requestId?: string;
  /** The field groups the event opens or closes (default IDENTITY). */
  groups?: string[];
  /** WRITE (default) or READ (an administrator reading the office's staff or audit trail). */
  action?: 'READ' | 'WRITE';
}

/** The field groups of rights scopes (`training:read` → TRAINING); IDENTITY when none. */
export const groupsOfScopes = (scopes: readonly string[]): string[] => {
  const groups = [
    ...new Set(
      scopes.filter((s) => /^[a-z]+:(read|write)$/.test(s)).map((s) => s.split(':')[0]!.toUpperCase()),
    ),
  ].sort();
  return groups.length ? groups : ['IDENTITY'];
};

export class AuditRepository {
  constructor(private readonly ds: DataSource) {}

  /** Append one entry (the chain's trigger links it). */
  async append(e: AccountAuditEvent): Promise<void> {
    await this.ds.query(
      `INSERT INTO audit.entry (request_id, service, operation, actor, on_behalf_of, viewer_kind, viewer_association,
                                relations, person_ids, groups, action, prev_hash, hash)
       VALUES ($1, 'identity', $2, $3, $4, $5, $6::uuid, '{}', $7::uuid[], $8::text[], $9, '\\x'::bytea, '\\x'::bytea)`,
      [
        e.requestId ?? randomUUID(),
        e.operation,
        e.actor,
        e.account,
        e.actorKind,
        e.actorAssociation ?? null,
        e.personId ? [e.personId] : [],
        e.groups ?? ['IDENTITY'],
        e.action ?? 'WRITE',
      ],
    );
  }
}
