import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { clock, onlyUuids } from '@mamis/platform';
import { privacyEnv } from '../domain/privacy-request-rules';
import {
  PrivacyExportEntity,
  PrivacyRequestEntity,
  PrivacyRequestEventEntity,
  type PrivacyRequestKind,
  type PrivacyRequestStatus,
} from '../entities';

/** A new request as the service decided it (route, due date). */
export interface NewPrivacyRequest {
  personId: string;
  kind: PrivacyRequestKind;
  details: string | null;
  filedBy: string;
  routedAssociationIds: string[];
  filedAt: Date;
  dueOn: string;
}

/** The recorded decision (status decided by the service). */
export interface PrivacyDecision {
  status: PrivacyRequestStatus;
  decidedAt: Date;
  decidedBy: string;
  decidingAssociationId: string;
  decisionNote: string | null;
  completedAt: Date | null;
}

export class PrivacyRequestRepository {
  readonly dueDays: number;

  constructor(
    private readonly ds: DataSource,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.dueDays = privacyEnv.parse(env).PRIVACY_REQUEST_DUE_DAYS;
  }

  /** The associations the person is currently a member of (access.membership_v1: ACTIVE). */
  async activeAssociationIds(manager: EntityManager, personId: string): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT association_id::text AS id FROM access.membership_v1
       WHERE person_id = $1 AND status = 'ACTIVE' ORDER BY 1`,
      [personId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The JMA (the NATIONAL association), as a list of at most one id. */
  async nationalAssociationIds(manager: EntityManager): Promise<string[]> {
    const jma = (await manager.query(
      `SELECT id::text AS id FROM access.association_v1 WHERE tier = 'NATIONAL' ORDER BY code LIMIT 1`,
    )) as { id: string }[];
    return jma.map((r) => r.id);
  }

  /** Store a new request (status RECEIVED, version 1) and its first event. */
  async insert(manager: EntityManager, input: NewPrivacyRequest): Promise<PrivacyRequestEntity> {
    const row = manager.create(PrivacyRequestEntity, {
      id: randomUUID(),
      personId: input.personId,
      kind: input.kind,
      status: 'RECEIVED',
      details: input.details,
      routedAssociationIds: input.routedAssociationIds,
      filedAt: input.filedAt,
      filedBy: input.filedBy,
      dueOn: input.dueOn,
      decidedAt: null,
      decidedBy: null,
      decidingAssociationId: null,
      decisionNote: null,
      completedAt: null,
      version: 1,
    });
    await manager.insert(PrivacyRequestEntity, row);
    await this.addEvent(manager, row, 'RECEIVED', input.filedBy, null, input.filedAt);
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

  /**
   * Record a decision on the version read (optimistic): false when the request changed since (nothing
   * written); otherwise the decision's event is appended too.
   */
  async recordDecision(
    manager: EntityManager,
    req: PrivacyRequestEntity,
    version: number,
    d: PrivacyDecision,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(PrivacyRequestEntity)
      .set({ ...d, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: req.id, version })
      .execute();
    if (!result.affected) return false;
    await this.addEvent(manager, req, d.status, d.decidedBy, d.decisionNote, d.decidedAt);
    return true;
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
