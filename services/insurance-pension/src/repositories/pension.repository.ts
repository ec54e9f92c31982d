import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { onlyUuids, updateVersioned } from '@mamis/platform';
import { PensionChangeEntity, PensionEnrolmentEntity } from '../entities';

export class PensionRepository {
  constructor(private readonly ds: DataSource) {}

  byPersonIds(personIds: readonly string[]): Promise<PensionEnrolmentEntity[]> {
    const valid = onlyUuids(personIds);
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(PensionEnrolmentEntity).find({ where: { personId: In(valid) } });
  }

  changesByEnrolmentIds(enrolmentIds: readonly string[]): Promise<PensionChangeEntity[]> {
    const valid = onlyUuids(enrolmentIds);
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(PensionChangeEntity)
      .find({ where: { enrolmentId: In(valid) }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  byId(id: string, manager: EntityManager = this.ds.manager): Promise<PensionEnrolmentEntity | null> {
    if (onlyUuids([id]).length === 0) return Promise.resolve(null);
    return manager.getRepository(PensionEnrolmentEntity).findOneBy({ id });
  }

  byPerson(manager: EntityManager, personId: string): Promise<PensionEnrolmentEntity | null> {
    return manager.getRepository(PensionEnrolmentEntity).findOneBy({ personId });
  }

  async insert(
    manager: EntityManager,
    p: Pick<
      PensionEnrolmentEntity,
      'personId' | 'plan' | 'enrolledOn' | 'monthlyContributionYen' | 'contributionsEndOn'
    >,
  ): Promise<string> {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO pension_enrolment
         (id, person_id, plan, status, contribution_status, enrolled_on, monthly_contribution_yen,
          contributions_end_on)
       VALUES ($1, $2, $3, 'ENROLLED', 'CONTRIBUTING', $4, $5, $6)`,
      [id, p.personId, p.plan, p.enrolledOn, p.monthlyContributionYen, p.contributionsEndOn],
    );
    return id;
  }

  update(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Record<string, unknown>,
  ): Promise<number> {
    return updateVersioned(manager, 'pension_enrolment', id, version, changes);
  }

  /** Append the state after a change (read back from the row in this transaction). */
  async appendChange(
    manager: EntityManager,
    enrolmentId: string,
    c: { effectiveOn: string; reason?: string | null; recordedBy: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO pension_change
         (id, enrolment_id, person_id, plan, status, contribution_status, monthly_contribution_yen,
          effective_on, reason, recorded_by, recorded_at)
       SELECT $1, id, person_id, plan, status, contribution_status, monthly_contribution_yen, $3, $4, $5,
              clock_timestamp()
       FROM pension_enrolment WHERE id = $2`,
      [randomUUID(), enrolmentId, c.effectiveOn, c.reason ?? null, c.recordedBy],
    );
  }
}
