import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { onlyUuids } from '@mamis/platform';
import { nextMembershipState } from '../domain/membership-state';
import { MembershipEventEntity } from '../entities';
import type { MembershipEventKind } from '../entities/membership-event.entity';

/** An event to append; `category` is the category after it (JOIN, TRANSFER_IN, CATEGORY_CHANGE). */
export interface NewMembershipEvent {
  /** Given when the caller derives it (the legacy import: from the previous system's id), else random. */
  id?: string;
  personId: string;
  associationId: string;
  kind: MembershipEventKind;
  category?: string;
  effectiveOn: string;
  recordedBy: string;
  applicationId?: string | null;
  counterpartAssociationId?: string | null;
}

interface ActiveRow {
  id: string;
  category: string;
  joined_on: string;
}

/**
 * The membership event log: append-only. Appending derives the current state
 * (`membership.membership`) in the same transaction, with the person's row locked so that
 * concurrent changes to one person's memberships apply one after the other.
 */
export class MembershipEventRepository {
  constructor(private readonly ds: DataSource) {}

  /** Lock a person's row for the rest of the transaction (serialises their membership changes). */
  static async lockPerson(manager: EntityManager, personId: string): Promise<boolean> {
    const rows = (await manager.query('SELECT id FROM membership.person WHERE id = $1 FOR UPDATE', [
      personId,
    ])) as unknown[];
    return rows.length > 0;
  }

  /**
   * Lock the maintained member counts (membership.active_member_count) of the given associations,
   * in key order, before the statements whose triggers change them. One change of several
   * associations (a transfer: out of one, into another) is several statements, each locking its
   * association's count row: without this, two transfers in opposite directions lock the same two
   * rows in opposite orders and one dies of a deadlock. A count row that does not exist yet (a
   * category new to the association) is created by the trigger under its unique key.
   */
  static async lockMemberCounts(manager: EntityManager, associationIds: readonly string[]): Promise<void> {
    // one statement (one event) takes its rows in key order itself (the trigger's grouped upsert)
    if (associationIds.length < 2) return;
    const ids = [...new Set(associationIds)];
    await manager.query(
      `SELECT 1 FROM membership.active_member_count WHERE association_id = ANY($1::uuid[])
        ORDER BY association_id, category FOR UPDATE`,
      [ids],
    );
  }

  /** The person's current (ACTIVE) memberships by association (inside the caller's transaction). */
  static async active(
    manager: EntityManager,
    personId: string,
  ): Promise<Map<string, { category: string; joinedOn: string }>> {
    const rows = (await manager.query(
      `SELECT association_id::text AS association_id, category, joined_on::text AS joined_on
       FROM membership.membership WHERE person_id = $1 AND status = 'ACTIVE'`,
      [personId],
    )) as { association_id: string; category: string; joined_on: string }[];
    return new Map(rows.map((r) => [r.association_id, { category: r.category, joinedOn: r.joined_on }]));
  }

  /**
   * Append events (in order) and apply each to the current state. Must run inside a
   * transaction that holds the person's lock. A fact the event contradicts (joining where the
   * person is already a member; leaving where they are not: the rules of `nextMembershipState`)
   * → CONFLICT, nothing written.
   */
  static async append(
    manager: EntityManager,
    events: NewMembershipEvent[],
  ): Promise<MembershipEventEntity[]> {
    await MembershipEventRepository.lockMemberCounts(
      manager,
      events.map((e) => e.associationId),
    );
    const out: MembershipEventEntity[] = [];
    for (const e of events) {
      const [current] = (await manager.query(
        `SELECT id, category, joined_on::text AS joined_on FROM membership.membership
         WHERE person_id = $1 AND association_id = $2 AND status = 'ACTIVE'
         ORDER BY joined_on DESC LIMIT 1`,
        [e.personId, e.associationId],
      )) as ActiveRow[];
      const next = nextMembershipState(
        current && { category: current.category, joinedOn: current.joined_on },
        e,
      );
      switch (next.change) {
        case 'OPEN':
          await manager.query(
            `INSERT INTO membership.membership (id, person_id, association_id, category, status, joined_on)
             VALUES ($1, $2, $3, $4, 'ACTIVE', $5)`,
            [randomUUID(), e.personId, e.associationId, next.category, e.effectiveOn],
          );
          break;
        case 'RECATEGORISE':
          await manager.query('UPDATE membership.membership SET category = $2 WHERE id = $1', [
            current!.id,
            next.category,
          ]);
          break;
        case 'CLOSE':
          await manager.query('UPDATE membership.membership SET status = $2, left_on = $3 WHERE id = $1', [
            current!.id,
            next.status,
            next.leftOn,
          ]);
      }
      const { category, previousCategory: previous } = next;
      const [row] = (await manager.query(
        `INSERT INTO membership.membership_event
           (id, person_id, association_id, kind, category, previous_category, effective_on, recorded_by,
            application_id, counterpart_association_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING id, seq::text AS seq, recorded_at`,
        [
          e.id ?? randomUUID(),
          e.personId,
          e.associationId,
          e.kind,
          category,
          previous,
          e.effectiveOn,
          e.recordedBy,
          e.applicationId ?? null,
          e.counterpartAssociationId ?? null,
        ],
      )) as { id: string; seq: string; recorded_at: Date }[];
      out.push(
        Object.assign(new MembershipEventEntity(), {
          id: row!.id,
          seq: row!.seq,
          personId: e.personId,
          associationId: e.associationId,
          kind: e.kind,
          category,
          previousCategory: previous,
          effectiveOn: e.effectiveOn,
          recordedAt: row!.recorded_at,
          recordedBy: e.recordedBy,
          applicationId: e.applicationId ?? null,
          counterpartAssociationId: e.counterpartAssociationId ?? null,
        }),
      );
    }
    return out;
  }

  /**
   * The whole history of persons who have none yet (persons created in the caller's transaction:
   * the legacy import), in two statements: the events in the order given (so `seq` follows it) and
   * the memberships they leave behind, derived by the same rules as `append` (`nextMembershipState`)
   * one by one. A history that contradicts itself → CONFLICT, nothing written.
   */
  static async appendHistoryOfNewPersons(
    manager: EntityManager,
    events: NewMembershipEvent[],
  ): Promise<number> {
    interface Current {
      id: string;
      person_id: string;
      association_id: string;
      category: string;
      status: string;
      joined_on: string;
      left_on: string | null;
    }
    const active = new Map<string, Current>();
    const memberships: Current[] = [];
    const rows = events.map((e) => {
      const key = `${e.personId}|${e.associationId}`;
      const current = active.get(key);
      const next = nextMembershipState(
        current && { category: current.category, joinedOn: current.joined_on },
        e,
      );
      switch (next.change) {
        case 'OPEN': {
          const m: Current = {
            id: randomUUID(),
            person_id: e.personId,
            association_id: e.associationId,
            category: next.category,
            status: 'ACTIVE',
            joined_on: e.effectiveOn,
            left_on: null,
          };
          memberships.push(m);
          active.set(key, m);
          break;
        }
        case 'RECATEGORISE':
          current!.category = next.category;
          break;
        case 'CLOSE':
          current!.status = next.status;
          current!.left_on = next.leftOn;
          active.delete(key);
      }
      const { category, previousCategory: previous } = next;
      return {
        id: e.id ?? randomUUID(),
        person_id: e.personId,
        association_id: e.associationId,
        kind: e.kind,
        category,
        previous_category: previous,
        effective_on: e.effectiveOn,
        recorded_by: e.recordedBy,
        application_id: e.applicationId ?? null,
        counterpart_association_id: e.counterpartAssociationId ?? null,
      };
    });
    if (rows.length === 0) return 0;
    await manager.query(
      `INSERT INTO membership.membership (id, person_id, association_id, category, status, joined_on, left_on)
       SELECT r.id, r.person_id, r.association_id, r.category, r.status, r.joined_on, r.left_on
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, person_id uuid, association_id uuid, category text,
            status text, joined_on date, left_on date)`,
      [JSON.stringify(memberships)],
    );
    await manager.query(
      `INSERT INTO membership.membership_event
         (id, person_id, association_id, kind, category, previous_category, effective_on, recorded_by,
          application_id, counterpart_association_id)
       SELECT r.id, r.person_id, r.association_id, r.kind, r.category, r.previous_category, r.effective_on,
              r.recorded_by, r.application_id, r.counterpart_association_id
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, person_id uuid, association_id uuid,
            kind text, category text, previous_category text, effective_on date, recorded_by text,
            application_id uuid, counterpart_association_id uuid, ord integer)
       ORDER BY r.ord`,
      [JSON.stringify(rows.map((r, ord) => ({ ...r, ord })))],
    );
    return rows.length;
  }

  /** The history of these persons (one statement), oldest first. */
  byPersonIds(personIds: readonly string[]): Promise<MembershipEventEntity[]> {
    const ids = onlyUuids(personIds);
    if (ids.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(MembershipEventEntity).find({
      where: { personId: In(ids) },
      order: { effectiveOn: 'ASC', seq: 'ASC' },
    });
  }
}
