import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { onlyUuids, isUuid } from '@mamis/platform';
import { MembershipApplicationEntity, MembershipApplicationStepEntity } from '../entities';
import type { AssociationTier } from '../entities/association.entity';
import type { ApplicationKind, ApplicationStatus } from '../entities/membership-application.entity';
import type { StepStatus } from '../entities/membership-application-step.entity';
import type { PlannedStep } from '../domain/application-plan';

/** The row of a newly filed application (its steps come as planned). */
export interface NewApplication {
  personId: string;
  kind: ApplicationKind;
  effectiveOn: string;
  comment: string | null;
  filedBy: string;
  filedAt: Date;
}

/**
 * Membership applications and their approval steps: data access only. The write methods run in
 * the caller's transaction (`manager`); the rules (who may decide which step when, what the last
 * approval writes) are the membership-application service's.
 */
export class MembershipApplicationRepository {
  constructor(private readonly ds: DataSource) {}

  /** Does the person have a PENDING application? */
  static async hasPending(manager: EntityManager, personId: string): Promise<boolean> {
    const open = (await manager.query(
      `SELECT id FROM membership.membership_application WHERE person_id = $1 AND status = 'PENDING' LIMIT 1`,
      [personId],
    )) as unknown[];
    return open.length > 0;
  }

  /** Tier and code of these associations (ids that are not UUIDs are left out). */
  static async associationsByIds(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<{ id: string; tier: AssociationTier; code: string }[]> {
    return (await manager.query(
      'SELECT id::text AS id, tier, code FROM membership.association WHERE id = ANY($1::uuid[])',
      [ids.filter(isUuid)],
    )) as { id: string; tier: AssociationTier; code: string }[];
  }

  /** Insert a PENDING application (version 1) and its PENDING steps. */
  static async insert(
    manager: EntityManager,
    input: NewApplication,
    steps: readonly PlannedStep[],
  ): Promise<MembershipApplicationEntity> {
    const app = Object.assign(new MembershipApplicationEntity(), {
      id: randomUUID(),
      personId: input.personId,
      kind: input.kind,
      status: 'PENDING' as ApplicationStatus,
      effectiveOn: input.effectiveOn,
      comment: input.comment,
      filedBy: input.filedBy,
      filedAt: input.filedAt,
      closedAt: null,
      closedBy: null,
      closedReason: null,
      version: 1,
    });
    await manager.getRepository(MembershipApplicationEntity).insert(app);
    await manager.getRepository(MembershipApplicationStepEntity).insert(
      steps.map((s) =>
        Object.assign(new MembershipApplicationStepEntity(), {
          id: randomUUID(),
          applicationId: app.id,
          ...s,
          status: 'PENDING',
          decidedBy: null,
          decidedAt: null,
          decisionComment: null,
        }),
      ),
    );
    return app;
  }

  /** A step's association and application, or null (also for an id that is not a UUID). */
  static async stepRef(
    manager: EntityManager,
    stepId: string,
  ): Promise<{ associationId: string; applicationId: string } | null> {
    if (!isUuid(stepId)) return null;
    const [row] = (await manager.query(
      `SELECT association_id::text AS association_id, application_id::text AS application_id
       FROM membership.membership_application_step WHERE id = $1`,
      [stepId],
    )) as { association_id: string; application_id: string }[];
    return row ? { associationId: row.association_id, applicationId: row.application_id } : null;
  }

  /** An application's steps in decision order (inside the caller's transaction). */
  static stepsOf(manager: EntityManager, applicationId: string): Promise<MembershipApplicationStepEntity[]> {
    return manager
      .getRepository(MembershipApplicationStepEntity)
      .find({ where: { applicationId }, order: { ordinal: 'ASC' } });
  }

  /** Record a step's decision. */
  static async setStepDecision(
    manager: EntityManager,
    stepId: string,
    status: Extract<StepStatus, 'APPROVED' | 'REJECTED'>,
    actor: string,
    comment: string | null,
    now: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE membership.membership_application_step
       SET status = $2, decided_by = $3, decided_at = $5, decision_comment = $4 WHERE id = $1`,
      [stepId, status, actor, comment, now],
    );
  }

  /** Mark the application changed (its version) without closing it. */
  static async bumpVersion(manager: EntityManager, id: string): Promise<void> {
    await manager.query('UPDATE membership.membership_application SET version = version + 1 WHERE id = $1', [
      id,
    ]);
  }

  /** The ids of a person's pending applications. */
  static async pendingOf(manager: EntityManager, personId: string): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT id::text AS id FROM membership.membership_application WHERE person_id = $1 AND status = 'PENDING'`,
      [personId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** One application (inside the caller's transaction), or null. */
  static findIn(manager: EntityManager, id: string): Promise<MembershipApplicationEntity | null> {
    return manager.getRepository(MembershipApplicationEntity).findOneBy({ id });
  }

  /** Lock an application's row for the rest of the transaction and read it; null if absent. */
  static async lock(manager: EntityManager, id: string): Promise<MembershipApplicationEntity | null> {
    const rows = (await manager.query(
      'SELECT id FROM membership.membership_application WHERE id = $1 FOR UPDATE',
      [id],
    )) as unknown[];
    if (!rows.length) return null;
    return MembershipApplicationRepository.findIn(manager, id);
  }

  /** Close an application with a final status. */
  static async close(
    manager: EntityManager,
    id: string,
    status: ApplicationStatus,
    actor: string,
    reason: string | null,
    now: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE membership.membership_application
       SET status = $2, closed_at = $5, closed_by = $3, closed_reason = $4, version = version + 1 WHERE id = $1`,
      [id, status, actor, reason, now],
    );
  }

  /** Mark the steps still pending SKIPPED (their turn never comes). */
  static async skipPendingSteps(manager: EntityManager, applicationId: string): Promise<void> {
    await manager.query(
      `UPDATE membership.membership_application_step SET status = 'SKIPPED'
       WHERE application_id = $1 AND status = 'PENDING'`,
      [applicationId],
    );
  }

  /* ---- reads (row-level security applies: only applications of persons the viewer relates to) */

  byIds(ids: readonly string[]): Promise<MembershipApplicationEntity[]> {
    const valid = onlyUuids(ids);
    if (!valid.length) return Promise.resolve([]);
    return this.ds.getRepository(MembershipApplicationEntity).findBy({ id: In(valid) });
  }

  byPersonIds(personIds: readonly string[]): Promise<MembershipApplicationEntity[]> {
    const valid = onlyUuids(personIds);
    if (!valid.length) return Promise.resolve([]);
    return this.ds
      .getRepository(MembershipApplicationEntity)
      .find({ where: { personId: In(valid) }, order: { filedAt: 'DESC', id: 'ASC' } });
  }

  stepsByApplicationIds(ids: readonly string[]): Promise<MembershipApplicationStepEntity[]> {
    const valid = onlyUuids(ids);
    if (!valid.length) return Promise.resolve([]);
    return this.ds
      .getRepository(MembershipApplicationStepEntity)
      .find({ where: { applicationId: In(valid) }, order: { ordinal: 'ASC' } });
  }

  /** Applications with a step at one association (staff inbox), newest first. */
  forAssociation(
    associationId: string,
    status: ApplicationStatus | null | undefined,
    limit: number,
  ): Promise<MembershipApplicationEntity[]> {
    const qb = this.ds
      .getRepository(MembershipApplicationEntity)
      .createQueryBuilder('a')
      .where(
        'EXISTS (SELECT 1 FROM membership.membership_application_step s WHERE s.application_id = a.id AND s.association_id = :aid)',
        { aid: associationId },
      )
      .orderBy('a.filed_at', 'DESC')
      .addOrderBy('a.id')
      .limit(limit);
    if (status) qb.andWhere('a.status = :status', { status });
    return qb.getMany();
  }

  /** One person's applications, newest first. */
  forPerson(personId: string, status: ApplicationStatus | null | undefined, limit: number) {
    return this.ds.getRepository(MembershipApplicationEntity).find({
      where: { personId, ...(status ? { status } : {}) },
      order: { filedAt: 'DESC', id: 'ASC' },
      take: limit,
    });
  }
}
