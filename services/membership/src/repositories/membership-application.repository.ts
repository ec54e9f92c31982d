import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { badInput, clock, conflict, Messages, notFound, onlyUuids, isUuid, tokyoDate } from '@mamis/platform';
import { MembershipApplicationEntity, MembershipApplicationStepEntity } from '../entities';
import type { AssociationTier } from '../entities/association.entity';
import type { ApplicationStatus } from '../entities/membership-application.entity';
import { planApplication, type ApplicationRequest } from '../domain/application-plan';
import { MembershipEventRepository, type NewMembershipEvent } from './membership-event.repository';
import type { StepAction } from '../entities/membership-application-step.entity';

export interface FileApplication extends ApplicationRequest {
  personId: string;
  comment?: string | null;
  filedBy: string;
}

const EVENT_OF: Record<StepAction, NewMembershipEvent['kind']> = {
  JOIN: 'JOIN',
  LEAVE: 'LEAVE',
  TRANSFER_OUT: 'TRANSFER_OUT',
  TRANSFER_IN: 'TRANSFER_IN',
  CATEGORY_CHANGE: 'CATEGORY_CHANGE',
};

const comment = (path: string, value: string | null | undefined) => {
  const v = value?.trim() ?? '';
  if (v.length > 1000) throw badInput(path, Messages.TEXT_TOO_LONG({ max: 1000 }));
  return v || null;
};

/**
 * Membership applications and their approval steps. The write methods run in the caller's
 * transaction (`manager`) and lock the application row (decisions, cancellation) or the person
 * row (filing), so two concurrent decisions on one step cannot both succeed.
 */
export class MembershipApplicationRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * File an application: its steps are planned from the person's current memberships; `now` (the
   * platform clock) is the filing instant and decides the window of allowed effective dates.
   */
  static async file(
    manager: EntityManager,
    input: FileApplication,
    now: Date = clock.now(),
  ): Promise<MembershipApplicationEntity> {
    if (!(await MembershipEventRepository.lockPerson(manager, input.personId)))
      throw notFound(Messages.PERSON_NOT_FOUND);
    const open = (await manager.query(
      `SELECT id FROM membership.membership_application WHERE person_id = $1 AND status = 'PENDING' LIMIT 1`,
      [input.personId],
    )) as unknown[];
    if (open.length) throw conflict(Messages.PENDING_APPLICATION_EXISTS, 'input.personId');
    const ids = [...input.associations.map((a) => a.associationId), ...(input.transferFrom ?? [])].filter(
      isUuid,
    );
    const rows = (await manager.query(
      'SELECT id::text AS id, tier, code FROM membership.association WHERE id = ANY($1::uuid[])',
      [ids],
    )) as { id: string; tier: AssociationTier; code: string }[];
    const steps = planApplication(input, {
      associations: new Map(rows.map((r) => [r.id, r])),
      active: await MembershipEventRepository.active(manager, input.personId),
      today: tokyoDate(now),
    });
    const app = Object.assign(new MembershipApplicationEntity(), {
      id: randomUUID(),
      personId: input.personId,
      kind: input.kind,
      status: 'PENDING' as ApplicationStatus,
      effectiveOn: input.effectiveOn,
      comment: comment('input.comment', input.comment),
      filedBy: input.filedBy,
      filedAt: now,
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

  /** The association a step belongs to (to authorise the decision before anything is locked). */
  static async stepAssociation(manager: EntityManager, stepId: string): Promise<string> {
    if (!isUuid(stepId)) throw notFound(Messages.APPLICATION_STEP_NOT_FOUND);
    const [row] = (await manager.query(
      'SELECT association_id::text AS association_id FROM membership.membership_application_step WHERE id = $1',
      [stepId],
    )) as { association_id: string }[];
    if (!row) throw notFound(Messages.APPLICATION_STEP_NOT_FOUND);
    return row.association_id;
  }

  /**
   * Approve or reject a step (the caller has authorised the viewer for its association). The
   * application row is locked first: a second decision on the same step waits, then finds it
   * decided → CONFLICT. Only the current step (lowest pending ordinal) may be decided. The last
   * approval appends the membership events.
   */
  static async decide(
    manager: EntityManager,
    stepId: string,
    decision: 'APPROVE' | 'REJECT',
    note: string | null | undefined,
    actor: string,
    now: Date = clock.now(),
  ): Promise<string> {
    const [ref] = (await manager.query(
      'SELECT application_id::text AS id FROM membership.membership_application_step WHERE id = $1',
      [stepId],
    )) as { id: string }[];
    if (!ref) throw notFound(Messages.APPLICATION_STEP_NOT_FOUND);
    const app = await MembershipApplicationRepository.lock(manager, ref.id);
    if (app.status !== 'PENDING')
      throw conflict(Messages.APPLICATION_CLOSED({ status: app.status }), 'stepId');
    const steps = await manager
      .getRepository(MembershipApplicationStepEntity)
      .find({ where: { applicationId: app.id }, order: { ordinal: 'ASC' } });
    const step = steps.find((s) => s.id === stepId)!;
    if (step.status !== 'PENDING') throw conflict(Messages.STEP_ALREADY_DECIDED, 'stepId');
    const current = steps.find((s) => s.status === 'PENDING')!;
    if (current.id !== step.id) throw conflict(Messages.STEP_NOT_YET, 'stepId');
    const text = comment('comment', note);
    await manager.query(
      `UPDATE membership.membership_application_step
       SET status = $2, decided_by = $3, decided_at = $5, decision_comment = $4 WHERE id = $1`,
      [step.id, decision === 'APPROVE' ? 'APPROVED' : 'REJECTED', actor, text, now],
    );
    const last = steps.filter((s) => s.status === 'PENDING').length === 1;
    if (decision === 'REJECT') {
      await MembershipApplicationRepository.close(manager, app.id, 'REJECTED', actor, text, now);
    } else if (last) {
      await MembershipApplicationRepository.close(manager, app.id, 'APPROVED', actor, null, now);
      await MembershipEventRepository.lockPerson(manager, app.personId);
      await MembershipEventRepository.append(
        manager,
        steps.map((s) => ({
          personId: app.personId,
          associationId: s.associationId,
          kind: EVENT_OF[s.action],
          category: s.category,
          effectiveOn: app.effectiveOn,
          recordedBy: actor,
          applicationId: app.id,
          counterpartAssociationId: s.counterpartAssociationId,
        })),
      );
    } else {
      await manager.query(
        'UPDATE membership.membership_application SET version = version + 1 WHERE id = $1',
        [app.id],
      );
    }
    return app.id;
  }

  /** Withdraw a pending application (the caller has authorised FILE_APPLICATION for its person). */
  static async cancel(
    manager: EntityManager,
    id: string,
    reason: string | null | undefined,
    actor: string,
    now: Date = clock.now(),
  ) {
    const app = await MembershipApplicationRepository.lock(manager, id);
    if (app.status !== 'PENDING') throw conflict(Messages.APPLICATION_CLOSED({ status: app.status }), 'id');
    await MembershipApplicationRepository.close(
      manager,
      id,
      'CANCELLED',
      actor,
      comment('reason', reason),
      now,
    );
  }

  /** The ids of a person's pending applications. */
  static async pendingOf(manager: EntityManager, personId: string): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT id::text AS id FROM membership.membership_application WHERE person_id = $1 AND status = 'PENDING'`,
      [personId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The person an application is for (to authorise before acting), or NOT_FOUND. */
  static async personOf(manager: EntityManager, id: string): Promise<string> {
    if (!isUuid(id)) throw notFound(Messages.MEMBERSHIP_APPLICATION_NOT_FOUND);
    const [row] = (await manager.query(
      'SELECT person_id::text AS person_id FROM membership.membership_application WHERE id = $1',
      [id],
    )) as { person_id: string }[];
    if (!row) throw notFound(Messages.MEMBERSHIP_APPLICATION_NOT_FOUND);
    return row.person_id;
  }

  static async load(manager: EntityManager, id: string): Promise<MembershipApplicationEntity> {
    const app = await manager.getRepository(MembershipApplicationEntity).findOneBy({ id });
    if (!app) throw notFound(Messages.MEMBERSHIP_APPLICATION_NOT_FOUND);
    return app;
  }

  private static async lock(manager: EntityManager, id: string): Promise<MembershipApplicationEntity> {
    const rows = (await manager.query(
      'SELECT id FROM membership.membership_application WHERE id = $1 FOR UPDATE',
      [id],
    )) as unknown[];
    if (!rows.length) throw notFound(Messages.MEMBERSHIP_APPLICATION_NOT_FOUND);
    return MembershipApplicationRepository.load(manager, id);
  }

  private static async close(
    manager: EntityManager,
    id: string,
    status: ApplicationStatus,
    actor: string,
    reason: string | null,
    now: Date,
  ) {
    await manager.query(
      `UPDATE membership.membership_application
       SET status = $2, closed_at = $5, closed_by = $3, closed_reason = $4, version = version + 1 WHERE id = $1`,
      [id, status, actor, reason, now],
    );
    if (status !== 'APPROVED')
      await manager.query(
        `UPDATE membership.membership_application_step SET status = 'SKIPPED'
         WHERE application_id = $1 AND status = 'PENDING'`,
        [id],
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
