import { actorOf, badInput, conflict, Messages, notFound } from '@mamis/platform';
import type { InsurancePensionWriteContext } from '../context';
import {
  contributionsEndOn,
  enrolmentClosesOn,
  pensionIneligibility,
  type PensionPlan,
  type StoredContributionStatus,
} from '../domain/pension-rules';
import type { PensionEnrolmentEntity } from '../entities';
import type { Repositories } from '../repositories';
import { requireId } from '../validation/write-input.validator';

const checkContribution = (field: string, yen: number | null | undefined) => {
  if (yen == null) return;
  if (!Number.isInteger(yen) || yen <= 0) throw badInput(field, Messages.PENSION_CONTRIBUTION_YEN);
};

export interface EnrolPensionInput {
  personId: string;
  plan: PensionPlan;
  enrolledOn: string;
  monthlyContributionYen: number;
  reason?: string | null;
}

export interface ChangePensionInput {
  pensionId: string;
  version: number;
  effectiveOn: string;
  plan?: PensionPlan | null;
  monthlyContributionYen?: number | null;
  contributionStatus?: string | null;
  withdraw?: boolean | null;
  reason?: string | null;
}

/**
 * Physician pension (医師年金) enrolment changes by JMA staff: the ids validated, the access policy
 * asked (MANAGE_PENSION), one transaction, the enrolment answered as written.
 */
export class PensionService {
  constructor(private readonly repos: Repositories) {}

  async enrol(ctx: InsurancePensionWriteContext, input: EnrolPensionInput): Promise<PensionEnrolmentEntity> {
    requireId('input.personId', input.personId);
    await ctx.access.authorizeWrite(input.personId, 'MANAGE_PENSION');
    const id = await this.enrolEligible({ ...input, recordedBy: actorOf(ctx.viewer) });
    return this.written(id);
  }

  /** A change of plan, contribution or status, or the withdrawal (an unknown or invisible pension: NOT_FOUND). */
  async change(
    ctx: InsurancePensionWriteContext,
    input: ChangePensionInput,
  ): Promise<PensionEnrolmentEntity> {
    requireId('input.pensionId', input.pensionId);
    const pension = await this.repos.pensions.byId(input.pensionId);
    if (!pension) throw notFound(Messages.PENSION_NOT_FOUND);
    await ctx.access.authorizeWrite(pension.personId, 'MANAGE_PENSION');
    await this.apply(pension, { ...input, recordedBy: actorOf(ctx.viewer) });
    return this.written(pension.id);
  }

  /** The record a write just made, read back (the schema's answer is non-null). */
  private async written(id: string): Promise<PensionEnrolmentEntity> {
    const pension = await this.repos.pensions.byId(id);
    if (!pension) throw notFound(Messages.PENSION_NOT_FOUND);
    return pension;
  }

  private async enrolEligible(input: EnrolPensionInput & { recordedBy: string }): Promise<string> {
    checkContribution('input.monthlyContributionYen', input.monthlyContributionYen);
    return this.repos.dataSource.transaction(async (manager) => {
      const standing = (await this.repos.standing.byPersonIds([input.personId], manager)).get(input.personId);
      const why = pensionIneligibility(standing, input.enrolledOn);
      if (why === 'NOT_A_JMA_MEMBER')
        throw badInput('input.personId', Messages.PENSION_JMA_MEMBERS_ONLY, { reason: why });
      if (why === 'TOO_OLD') {
        const closes = enrolmentClosesOn(standing!.birthDate!);
        throw badInput('input.enrolledOn', Messages.PENSION_TOO_OLD({ closesOn: closes }), {
          reason: why,
          closesOn: closes,
        });
      }
      if (await this.repos.pensions.byPerson(manager, input.personId))
        throw conflict(Messages.PENSION_ALREADY_ENROLLED, 'input.personId');
      const id = await this.repos.pensions.insert(manager, {
        personId: input.personId,
        plan: input.plan,
        enrolledOn: input.enrolledOn,
        monthlyContributionYen: input.monthlyContributionYen,
        contributionsEndOn: contributionsEndOn(standing!.birthDate!),
      });
      await this.repos.pensions.appendChange(manager, id, {
        effectiveOn: input.enrolledOn,
        reason: input.reason,
        recordedBy: input.recordedBy,
      });
      return id;
    });
  }

  private async apply(
    pension: PensionEnrolmentEntity,
    input: {
      version: number;
      effectiveOn: string;
      plan?: PensionPlan | null;
      monthlyContributionYen?: number | null;
      contributionStatus?: string | null;
      withdraw?: boolean | null;
      reason?: string | null;
      recordedBy: string;
    },
  ): Promise<void> {
    if (pension.status === 'WITHDRAWN') throw badInput('input.pensionId', Messages.PENSION_WITHDRAWN);
    if (input.effectiveOn < pension.enrolledOn)
      throw badInput(
        'input.effectiveOn',
        Messages.PENSION_CHANGE_BEFORE_ENROLMENT({ enrolledOn: pension.enrolledOn }),
      );
    checkContribution('input.monthlyContributionYen', input.monthlyContributionYen);
    const changes: Record<string, unknown> = {};
    if (input.plan) changes.plan = input.plan;
    if (input.monthlyContributionYen != null) changes.monthly_contribution_yen = input.monthlyContributionYen;
    if (input.contributionStatus != null) {
      if (input.contributionStatus !== 'CONTRIBUTING' && input.contributionStatus !== 'SUSPENDED')
        throw badInput('input.contributionStatus', Messages.PENSION_STATUS_SETTABLE);
      if (input.effectiveOn > pension.contributionsEndOn)
        throw badInput(
          'input.contributionStatus',
          Messages.PENSION_CONTRIBUTIONS_ENDED({ endsOn: pension.contributionsEndOn }),
        );
      changes.contribution_status = input.contributionStatus as StoredContributionStatus;
    }
    if (input.withdraw) {
      changes.status = 'WITHDRAWN';
      changes.withdrawn_on = input.effectiveOn;
    }
    if (Object.keys(changes).length === 0) throw badInput('input', Messages.NOTHING_TO_CHANGE);
    await this.repos.dataSource.transaction(async (manager) => {
      await this.repos.pensions.update(manager, pension.id, input.version, changes);
      await this.repos.pensions.appendChange(manager, pension.id, {
        effectiveOn: input.effectiveOn,
        reason: input.reason,
        recordedBy: input.recordedBy,
      });
    });
  }
}
