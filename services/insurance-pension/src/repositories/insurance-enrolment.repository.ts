import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { entityReader, onlyUuids, updateVersioned, type EntityReader } from '@mamis/platform';
import {
  InsuranceEnrolmentEntity,
  InsuranceStatusChangeEntity,
  type InsuranceChangeSource,
  type InsuranceStatus,
  type InsuranceSubject,
} from '../entities';

export interface NewStatusChange {
  enrolmentId: string;
  personId: string;
  subject: InsuranceSubject;
  status: InsuranceStatus;
  category?: string | null;
  coverageYen?: number | null;
  effectiveOn: string;
  source: InsuranceChangeSource;
  reason?: string | null;
  eventId?: string | null;
  recordedBy: string;
}

export class InsuranceEnrolmentRepository {
  private readonly enrolments: EntityReader<InsuranceEnrolmentEntity>;
  constructor(private readonly ds: DataSource) {
    this.enrolments = entityReader(ds, InsuranceEnrolmentEntity);
  }

  /** Every enrolment of these persons, newest insurance year first. */
  byPersonIds(personIds: readonly string[]): Promise<InsuranceEnrolmentEntity[]> {
    return this.enrolments.whereIn('personId', onlyUuids(personIds), [['insuranceYear', 'DESC']]);
  }

  /** The status history of these enrolments, oldest first. */
  changesByEnrolmentIds(enrolmentIds: readonly string[]): Promise<InsuranceStatusChangeEntity[]> {
    const valid = onlyUuids(enrolmentIds);
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(InsuranceStatusChangeEntity)
      .find({ where: { enrolmentId: In(valid) }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  byId(id: string, manager: EntityManager = this.ds.manager): Promise<InsuranceEnrolmentEntity | null> {
    if (onlyUuids([id]).length === 0) return Promise.resolve(null);
    return manager.getRepository(InsuranceEnrolmentEntity).findOneBy({ id });
  }

  /** The enrolment of a person for one insurance year, locked for the transaction. */
  forYear(
    manager: EntityManager,
    personId: string,
    insuranceYear: number,
  ): Promise<InsuranceEnrolmentEntity | null> {
    return manager
      .getRepository(InsuranceEnrolmentEntity)
      .findOne({ where: { personId, insuranceYear }, lock: { mode: 'pessimistic_write' } });
  }

  /** Enrolments not ENDED of a person from an insurance year on, locked. */
  openFrom(manager: EntityManager, personId: string, fromYear: number): Promise<InsuranceEnrolmentEntity[]> {
    return manager.query(
      `SELECT id, person_id AS "personId", insurance_year AS "insuranceYear", category, status,
              to_char(enrolled_on, 'YYYY-MM-DD') AS "enrolledOn", rider,
              rider_coverage_yen AS "riderCoverageYen", version
       FROM insurance_enrolment
       WHERE person_id = $1 AND insurance_year >= $2 AND status <> 'ENDED'
       ORDER BY insurance_year FOR UPDATE`,
      [personId, fromYear],
    ) as Promise<InsuranceEnrolmentEntity[]>;
  }

  async insert(
    manager: EntityManager,
    e: Pick<InsuranceEnrolmentEntity, 'personId' | 'insuranceYear' | 'category' | 'enrolledOn'> & {
      riderCoverageYen?: number | null;
    },
  ): Promise<string> {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO insurance_enrolment
         (id, person_id, insurance_year, category, status, enrolled_on, rider, rider_coverage_yen)
       VALUES ($1, $2, $3, $4, 'ENROLLED', $5, $6, $7)`,
      [
        id,
        e.personId,
        e.insuranceYear,
        e.category,
        e.enrolledOn,
        e.riderCoverageYen != null,
        e.riderCoverageYen ?? null,
      ],
    );
    return id;
  }

  /** Optimistic update (stale version → CONFLICT at `version`); returns the new version. */
  update(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Record<string, unknown>,
  ): Promise<number> {
    return updateVersioned(manager, 'insurance_enrolment', id, version, changes);
  }

  /** Append to the history (recorded_at: the statement's clock, so changes of one transaction keep their order). */
  async appendChange(manager: EntityManager, c: NewStatusChange): Promise<void> {
    await manager.query(
      `INSERT INTO insurance_status_change
         (id, enrolment_id, person_id, subject, status, category, coverage_yen, effective_on, source,
          reason, event_id, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, clock_timestamp())`,
      [
        randomUUID(),
        c.enrolmentId,
        c.personId,
        c.subject,
        c.status,
        c.category ?? null,
        c.coverageYen ?? null,
        c.effectiveOn,
        c.source,
        c.reason ?? null,
        c.eventId ?? null,
        c.recordedBy,
      ],
    );
  }
}
