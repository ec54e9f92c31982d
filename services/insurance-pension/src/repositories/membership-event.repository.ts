import type { DataSource, EntityManager } from 'typeorm';

/** One row of access.membership_event_v1 (the membership service's append-only event log). */
export interface MembershipEvent {
  seq: string;
  id: string;
  personId: string;
  associationId: string;
  associationTier: string;
  kind: 'JOIN' | 'TRANSFER_OUT' | 'TRANSFER_IN' | 'LEAVE' | 'CATEGORY_CHANGE' | 'DEATH';
  category: string;
  previousCategory: string | null;
  effectiveOn: string;
  recordedAt: Date;
}

/** Reading the event log in seq order, the consumer's checkpoint, and the processed-event keys. */
export class MembershipEventRepository {
  constructor(private readonly ds: DataSource) {}

  get dataSource() {
    return this.ds;
  }

  /** The checkpoint of `consumer`, locked for this transaction (created at 0 the first time). */
  async lockCheckpoint(manager: EntityManager, consumer: string): Promise<string> {
    await manager.query(
      `INSERT INTO membership_event_checkpoint (consumer, last_seq) VALUES ($1, 0) ON CONFLICT DO NOTHING`,
      [consumer],
    );
    const [row] = (await manager.query(
      `SELECT last_seq::text AS last_seq FROM membership_event_checkpoint WHERE consumer = $1 FOR UPDATE`,
      [consumer],
    )) as { last_seq: string }[];
    return row!.last_seq;
  }

  async advanceCheckpoint(manager: EntityManager, consumer: string, seq: string): Promise<void> {
    await manager.query(
      `UPDATE membership_event_checkpoint SET last_seq = $2, updated_at = now() WHERE consumer = $1`,
      [consumer, seq],
    );
  }

  /**
   * The next events after `afterSeq`, in seq order, every tier (so gaps in seq can be told apart
   * from other tiers' events): an index range on seq, never the whole log.
   */
  next(manager: EntityManager, afterSeq: string, limit: number): Promise<MembershipEvent[]> {
    return manager.query(
      `SELECT e.seq::text AS seq, e.id::text AS id, e.person_id::text AS "personId",
              e.association_id::text AS "associationId", e.association_tier AS "associationTier", e.kind,
              e.category, e.previous_category AS "previousCategory",
              to_char(e.effective_on, 'YYYY-MM-DD') AS "effectiveOn", e.recorded_at AS "recordedAt"
       FROM access.membership_event_v1 e WHERE e.seq > $1::bigint ORDER BY e.seq LIMIT $2`,
      [afterSeq, limit],
    ) as Promise<MembershipEvent[]>;
  }

  /** Claim an event for processing: false when it was processed before (nothing to do). */
  async claim(manager: EntityManager, event: MembershipEvent): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO processed_membership_event (event_id, seq, outcome) VALUES ($1, $2, 'PENDING')
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [event.id, event.seq],
    )) as unknown[];
    return rows.length > 0;
  }

  async recordOutcome(manager: EntityManager, eventId: string, outcome: string): Promise<void> {
    await manager.query(`UPDATE processed_membership_event SET outcome = $2 WHERE event_id = $1`, [
      eventId,
      outcome,
    ]);
  }
}
