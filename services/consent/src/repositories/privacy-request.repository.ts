import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { clock, onlyUuids, tokyoDate, withIdempotency } from '@mamis/platform';
import {
  PrivacyExportEntity,
  PrivacyRequestEntity,
  PrivacyRequestEventEntity,
  type PrivacyRequestKind,
  type PrivacyRequestStatus,
} from '../entities';

/**
 * The answer period of a privacy request. APPI arts. 33–35 require an answer "without delay"
 * (遅滞なく) and neither the terms of use nor the joint-use notice set a number of days, so it is a
 * setting: PRIVACY_REQUEST_DUE_DAYS (calendar days after filing, Asia/Tokyo), default 14 — two
 * weeks, the period association offices commonly promise for disclosure requests.
 */
export const privacyEnv = z.object({
  PRIVACY_REQUEST_DUE_DAYS: z.coerce.number().int().min(1).max(90).default(14),
});

/** The due date: `days` calendar days after the Tokyo date of `filedAt`. */
export function dueDate(filedAt: Date, days: number): string {
  const d = new Date(`${tokyoDate(filedAt)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface FileInput {
  personId: string;
  kind: PrivacyRequestKind;
  details: string | null;
  filedBy: string;
}

export interface DecideInput {
  requestId: string;
  associationId: string;
  approve: boolean;
  note: string | null;
  version: number;
  actor: string;
}

export class PrivacyRequestRepository {
  readonly dueDays: number;

  constructor(
    private readonly ds: DataSource,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.dueDays = privacyEnv.parse(env).PRIVACY_REQUEST_DUE_DAYS;
  }

  /**
   * Where a request goes: a correction to the associations the person is currently a member of
   * (they hold and correct the data; the JMA when there is none, e.g. a non-member trainee); a
   * disclosure or an erasure to the JMA (responsible for MAMIS data; erasure: terms art. 8.2).
   */
  async routeOf(manager: EntityManager, personId: string, kind: PrivacyRequestKind): Promise<string[]> {
    if (kind === 'CORRECTION') {
      const rows = (await manager.query(
        `SELECT DISTINCT association_id::text AS id FROM access.membership_v1
         WHERE person_id = $1 AND status = 'ACTIVE' ORDER BY 1`,
        [personId],
      )) as { id: string }[];
      if (rows.length > 0) return rows.map((r) => r.id);
    }
    const jma = (await manager.query(
      `SELECT id::text AS id FROM access.association_v1 WHERE tier = 'NATIONAL' ORDER BY code LIMIT 1`,
    )) as { id: string }[];
    return jma.map((r) => r.id);
  }

  /** File once per (submitter, idempotency key): a repeated submission returns the first request's id. */
  async fileOnce(input: FileInput, key: string): Promise<string> {
    return withIdempotency(
      this.ds,
      {
        operation: 'filePrivacyRequest',
        actor: input.filedBy,
        key,
        payload: { personId: input.personId, kind: input.kind, details: input.details },
      },
      async (manager) => (await this.file(manager, input)).id,
    );
  }

  /** Decide in one transaction: lock, check (the caller's `check`), record, return the row. */
  async decideWith(
    id: string,
    fn: (manager: EntityManager, req: PrivacyRequestEntity | null) => Promise<PrivacyRequestEntity>,
  ): Promise<PrivacyRequestEntity> {
    return this.ds.transaction(async (manager) => fn(manager, await this.lock(manager, id)));
  }

  /** File a request; `now` (the platform clock) is the filing instant the due date counts from. */
  async file(
    manager: EntityManager,
    input: FileInput,
    now: Date = clock.now(),
  ): Promise<PrivacyRequestEntity> {
    const row = manager.create(PrivacyRequestEntity, {
      id: randomUUID(),
      personId: input.personId,
      kind: input.kind,
      status: 'RECEIVED',
      details: input.details,
      routedAssociationIds: await this.routeOf(manager, input.personId, input.kind),
      filedAt: now,
      filedBy: input.filedBy,
      dueOn: dueDate(now, this.dueDays),
      decidedAt: null,
      decidedBy: null,
      decidingAssociationId: null,
      decisionNote: null,
      completedAt: null,
      version: 1,
    });
    await manager.insert(PrivacyRequestEntity, row);
    await this.addEvent(manager, row, 'RECEIVED', input.filedBy, null, now);
    return row;
  }

  async addEvent(
    manager: EntityManager,
    req: { id: string; personId: string },
    status: PrivacyRequestStatus,
    actor: string,
    note: string | null,
    at: Date = clock.now(),
  ): Promise<void> {
    await manager.insert(PrivacyRequestEventEntity, {
      id: randomUUID(),
      requestId: req.id,
      personId: req.personId,
      status,
      at,
      actor,
      note,
    });
  }

  /** One request, locked for a decision (inside the caller's transaction). */
  async lock(manager: EntityManager, id: string): Promise<PrivacyRequestEntity | null> {
    if (onlyUuids([id]).length === 0) return null;
    return manager
      .getRepository(PrivacyRequestEntity)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
  }

  /** Record a decision; the new status is returned in the (reloaded) row. */
  async decide(
    manager: EntityManager,
    req: PrivacyRequestEntity,
    status: PrivacyRequestStatus,
    input: DecideInput,
    now: Date = clock.now(),
  ): Promise<PrivacyRequestEntity> {
    const changes: Partial<PrivacyRequestEntity> = {
      status,
      decidedAt: now,
      decidedBy: input.actor,
      decidingAssociationId: input.associationId,
      decisionNote: input.note,
      completedAt: status === 'COMPLETED' ? now : null,
    };
    const result = await manager
      .createQueryBuilder()
      .update(PrivacyRequestEntity)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: req.id, version: input.version })
      .execute();
    if (!result.affected) return req;
    await this.addEvent(manager, req, status, input.actor, input.note, now);
    return { ...req, ...changes, version: req.version + 1 } as PrivacyRequestEntity;
  }

  async byPersonIds(personIds: readonly string[]): Promise<PrivacyRequestEntity[]> {
    const ids = onlyUuids(personIds);
    if (ids.length === 0) return [];
    return this.ds.getRepository(PrivacyRequestEntity).find({
      where: { personId: In(ids) },
      order: { filedAt: 'DESC', id: 'ASC' },
    });
  }

  async byIds(ids: readonly string[]): Promise<PrivacyRequestEntity[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return [];
    return this.ds.getRepository(PrivacyRequestEntity).find({ where: { id: In(valid) } });
  }

  async eventsByRequestIds(requestIds: readonly string[]): Promise<PrivacyRequestEventEntity[]> {
    const ids = onlyUuids(requestIds);
    if (ids.length === 0) return [];
    return this.ds.getRepository(PrivacyRequestEventEntity).find({
      where: { requestId: In(ids) },
      order: { at: 'ASC', id: 'ASC' },
    });
  }

  async exportsByRequestIds(requestIds: readonly string[]): Promise<PrivacyExportEntity[]> {
    const ids = onlyUuids(requestIds);
    if (ids.length === 0) return [];
    return this.ds.getRepository(PrivacyExportEntity).find({ where: { requestId: In(ids) } });
  }

  /**
   * The requests routed to an association, of the given kinds (and status), oldest due first.
   * Called under `runAsSystem` by the resolver AFTER authorizeAssociation: the JMA decides
   * disclosure and erasure requests of persons it may have no relation to (terms art. 8.2), so
   * row-level security (persons related to the viewer) is not the right filter here; the
   * routing is. The resolver hides the person and the details of persons not visible to it.
   */
  async routedTo(
    associationId: string,
    kinds: readonly PrivacyRequestKind[],
    status?: PrivacyRequestStatus | null,
  ): Promise<PrivacyRequestEntity[]> {
    if (onlyUuids([associationId]).length === 0 || kinds.length === 0) return [];
    const qb = this.ds
      .getRepository(PrivacyRequestEntity)
      .createQueryBuilder('r')
      .where(':a = ANY(r.routed_association_ids)', { a: associationId })
      .andWhere('r.kind IN (:...kinds)', { kinds });
    if (status) qb.andWhere('r.status = :status', { status });
    return qb.orderBy('r.due_on', 'ASC').addOrderBy('r.filed_at', 'ASC').getMany();
  }
}
