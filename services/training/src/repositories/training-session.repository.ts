import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  entityReader,
  onlyUuids,
  runAsSystem,
  updateVersioned,
  type EntityReader,
  type Viewer,
} from '@mamis/platform';
import { SessionCreditEntity, TrainingSessionEntity } from '../entities';

export interface SessionFilter {
  hostAssociationId?: string | null;
  programCode?: string | null;
  from?: Date | null;
  to?: Date | null;
  includeCancelled?: boolean | null;
}

export interface NewSessionCredit {
  kind: 'CURRICULUM_CODE' | 'CATEGORY';
  code: string;
  units: number;
}

export interface SessionCounts {
  sessionId: string;
  registered: number;
  waitlisted: number;
}

/**
 * Which sessions a viewer may see (organisational data, not personal): PUBLIC ones to anyone;
 * MEMBERS_ONLY ones to the host's staff, the host's current members (access.membership_v1), and
 * a co-hosting society's client. `$n` placeholders start at `first`.
 */
function sessionVisibleSql(viewer: Viewer, first: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const or: string[] = [`s.visibility = 'PUBLIC'`];
  if (viewer.kind === 'STAFF' && viewer.associationId) {
    params.push(viewer.associationId);
    or.push(`s.host_association_id = $${first + params.length - 1}`);
  }
  if (viewer.personId) {
    params.push(viewer.personId);
    or.push(`EXISTS (SELECT 1 FROM access.membership_v1 m WHERE m.person_id = $${first + params.length - 1}
                     AND m.association_id = s.host_association_id AND m.status = 'ACTIVE')`);
  }
  const societies = viewer.scopes.filter((x) => x.startsWith('society:')).map((x) => x.slice(8));
  if (societies.length) {
    params.push(societies);
    or.push(`s.cohost_society_id = ANY($${first + params.length - 1}::text[])`);
  }
  return { sql: `(${or.join(' OR ')})`, params };
}

export class TrainingSessionRepository {
  private readonly sessions: EntityReader<TrainingSessionEntity>;
  constructor(private readonly ds: DataSource) {
    this.sessions = entityReader(ds, TrainingSessionEntity);
  }

  findByIds(ids: readonly string[]): Promise<TrainingSessionEntity[]> {
    return this.sessions.whereIn('id', onlyUuids(ids));
  }

  /** The ids among `ids` the viewer may see (one statement). */
  async visibleIds(viewer: Viewer, ids: readonly string[]): Promise<Set<string>> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return new Set();
    const vis = sessionVisibleSql(viewer, 2);
    const rows = (await this.ds.query(
      `SELECT s.id::text AS id FROM training_session s WHERE s.id = ANY($1::uuid[]) AND ${vis.sql}`,
      [valid, ...vis.params],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /** Sessions the viewer may see, soonest first. */
  async search(viewer: Viewer, filter: SessionFilter, first: number): Promise<TrainingSessionEntity[]> {
    const qb = this.ds.getRepository(TrainingSessionEntity).createQueryBuilder('s');
    if (filter.hostAssociationId) {
      if (onlyUuids([filter.hostAssociationId]).length === 0) return [];
      qb.andWhere('s.host_association_id = :host', { host: filter.hostAssociationId });
    }
    if (filter.programCode) qb.andWhere('s.program_code = :program', { program: filter.programCode });
    if (filter.from) qb.andWhere('s.starts_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('s.starts_at < :to', { to: filter.to });
    if (!filter.includeCancelled) qb.andWhere(`s.status <> 'CANCELLED'`);
    // named parameters for the visibility predicate
    const or: string[] = [`s.visibility = 'PUBLIC'`];
    if (viewer.kind === 'STAFF' && viewer.associationId) {
      or.push('s.host_association_id = :viewerAssociation');
      qb.setParameter('viewerAssociation', viewer.associationId);
    }
    if (viewer.personId) {
      or.push(`EXISTS (SELECT 1 FROM access.membership_v1 m WHERE m.person_id = :viewerPerson
               AND m.association_id = s.host_association_id AND m.status = 'ACTIVE')`);
      qb.setParameter('viewerPerson', viewer.personId);
    }
    const societies = viewer.scopes.filter((x) => x.startsWith('society:')).map((x) => x.slice(8));
    if (societies.length) {
      or.push('s.cohost_society_id IN (:...societies)');
      qb.setParameter('societies', societies);
    }
    qb.andWhere(`(${or.join(' OR ')})`);
    return qb.orderBy('s.starts_at', 'ASC').addOrderBy('s.id', 'ASC').take(first).getMany();
  }

  creditsBySessionIds(ids: readonly string[]): Promise<SessionCreditEntity[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(SessionCreditEntity)
      .find({ where: { sessionId: In(valid) }, order: { position: 'ASC', id: 'ASC' } });
  }

  /**
   * Seats taken (REGISTERED + ATTENDED) and waiting per session, one statement. Counts only, no
   * person: read as SYSTEM so that row-level security (which narrows attendance rows to persons
   * the viewer is related to) does not make a physician see a half-empty session.
   */
  async countsBySessionIds(ids: readonly string[]): Promise<SessionCounts[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return [];
    const rows = (await runAsSystem(() =>
      this.ds.query(
        `SELECT s.id::text AS session_id,
                count(a.id) FILTER (WHERE a.status IN ('REGISTERED', 'ATTENDED'))::int AS registered,
                count(a.id) FILTER (WHERE a.status = 'WAITLISTED')::int AS waitlisted
         FROM unnest($1::uuid[]) AS s(id)
         LEFT JOIN training.attendance a ON a.session_id = s.id
         GROUP BY s.id`,
        [valid],
      ),
    )) as { session_id: string; registered: number; waitlisted: number }[];
    return rows.map((r) => ({ sessionId: r.session_id, registered: r.registered, waitlisted: r.waitlisted }));
  }

  /** PUBLIC sessions of one host for its calendar feed (cancelled ones too, as CANCELLED). */
  publicByHost(hostAssociationId: string, since: Date, limit: number): Promise<TrainingSessionEntity[]> {
    if (onlyUuids([hostAssociationId]).length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(TrainingSessionEntity)
      .createQueryBuilder('s')
      .where(`s.host_association_id = :host AND s.visibility = 'PUBLIC' AND s.starts_at >= :since`, {
        host: hostAssociationId,
        since,
      })
      .orderBy('s.starts_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .take(limit)
      .getMany();
  }

  /**
   * The codes a program accepts (CME: curriculum codes; occupational: categories; empty: any),
   * or null when there is no such program (training_program, the programs' catalogue).
   */
  async programCodes(programCode: string): Promise<string[] | null> {
    const rows = (await this.ds.query('SELECT codes FROM training_program WHERE code = $1', [
      programCode,
    ])) as {
      codes: string[];
    }[];
    return rows[0]?.codes ?? null;
  }

  /** The association that owns the programme (an association's own; null: the JMA's or OWN). */
  async programOwner(programCode: string): Promise<string | null> {
    const rows = (await this.ds.query(
      'SELECT owner_association_id::text AS owner FROM training_program WHERE code = $1',
      [programCode],
    )) as { owner: string | null }[];
    return rows[0]?.owner ?? null;
  }

  /** The association's name from the access views (null: no such association). */
  async associationName(id: string): Promise<string | null> {
    if (onlyUuids([id]).length === 0) return null;
    const rows = (await this.ds.query('SELECT name FROM access.association_v1 WHERE id = $1', [id])) as {
      name: string;
    }[];
    return rows[0]?.name ?? null;
  }

  /** The session row, locked for the rest of the transaction (capacity and waiting-list decisions). */
  lock(manager: EntityManager, id: string): Promise<TrainingSessionEntity | null> {
    if (onlyUuids([id]).length === 0) return Promise.resolve(null);
    return manager.findOne(TrainingSessionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async create(
    manager: EntityManager,
    row: Omit<
      TrainingSessionEntity,
      'id' | 'createdAt' | 'updatedAt' | 'version' | 'status' | 'cancelledAt' | 'session'
    >,
    credits: readonly NewSessionCredit[],
  ): Promise<TrainingSessionEntity> {
    const id = randomUUID();
    await manager.insert(TrainingSessionEntity, { ...row, id, status: 'SCHEDULED', version: 1 });
    await this.replaceCredits(manager, id, credits);
    return (await manager.findOneBy(TrainingSessionEntity, { id }))!;
  }

  async replaceCredits(manager: EntityManager, sessionId: string, credits: readonly NewSessionCredit[]) {
    await manager.delete(SessionCreditEntity, { sessionId });
    if (credits.length === 0) return;
    await manager.insert(
      SessionCreditEntity,
      credits.map((c, position) => ({
        id: randomUUID(),
        sessionId,
        kind: c.kind,
        code: c.code,
        units: c.units.toFixed(1),
        position,
      })),
    );
  }

  creditsOf(manager: EntityManager, sessionId: string): Promise<SessionCreditEntity[]> {
    return manager.find(SessionCreditEntity, { where: { sessionId }, order: { position: 'ASC', id: 'ASC' } });
  }

  /** Optimistic update (stale version: CONFLICT at `version`); returns the new row. */
  async update(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Record<string, unknown>,
  ): Promise<TrainingSessionEntity> {
    await updateVersioned(manager, 'training.training_session', id, version, changes);
    return (await manager.findOneBy(TrainingSessionEntity, { id }))!;
  }
}
