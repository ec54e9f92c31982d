import { badInput, conflict } from './service-types';
import {
  contributionsEndOn,
  enrolmentClosesOn,
  pensionIneligibility,
  type PensionPlan,
  type StoredContributionStatus,
} from '../domain/pension-rules';
import type { PensionEnrolmentEntity } from '../entities';
import type { Repositories } from '../repositories';

const checkContribution = (field: string, yen: number | null | undefined) => {
  if (yen == null) return;
  if (!Number.isInteger(yen) || yen <= 0)
    throw badInput(
      field,
      '掛金月額は正の整数（円）で指定してください (the monthly contribution must be a positive amount of yen)',
    );
};

/** Physician pension (医師年金) enrolment changes by JMA staff. */
export class PensionService {
  constructor(private readonly repos: Repositories) {}

  async enrol(input: {
    personId: string;
    plan: PensionPlan;
    enrolledOn: string;
    monthlyContributionYen: number;
    reason?: string | null;
    recordedBy: string;
  }): Promise<string> {
    checkContribution('input.monthlyContributionYen', input.monthlyContributionYen);
    return this.repos.dataSource.transaction(async (manager) => {
      const standing = (await this.repos.standing.byPersonIds([input.personId], manager)).get(input.personId);
      const why = pensionIneligibility(standing, input.enrolledOn);
      if (why === 'NOT_A_JMA_MEMBER')
        throw badInput(
          'input.personId',
          '医師年金に加入できるのは日本医師会の会員のみです (only current JMA members may enrol in the physician pension)',
          { reason: why },
        );
      if (why === 'TOO_OLD') {
        const closes = enrolmentClosesOn(standing!.birthDate!);
        throw badInput(
          'input.enrolledOn',
          `医師年金に加入できるのは64歳6か月未満の方です（${closes} 以降は加入不可） ` +
            `(the physician pension is open to members younger than 64 years and 6 months: not on or after ${closes})`,
          { reason: why, closesOn: closes },
        );
      }
      if (await this.repos.pensions.byPerson(manager, input.personId))
        throw conflict(
          '既に医師年金に加入しています (already enrolled in the physician pension)',
          'input.personId',
        );
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

  async change(
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
    if (pension.status === 'WITHDRAWN')
      throw badInput(
        'input.pensionId',
        '脱退済みの加入は変更できません (a withdrawn enrolment cannot be changed)',
      );
    if (input.effectiveOn < pension.enrolledOn)
      throw badInput(
        'input.effectiveOn',
        `変更日は加入日 ${pension.enrolledOn} 以降です (a change takes effect on or after the enrolment date)`,
      );
    checkContribution('input.monthlyContributionYen', input.monthlyContributionYen);
    const changes: Record<string, unknown> = {};
    if (input.plan) changes.plan = input.plan;
    if (input.monthlyContributionYen != null) changes.monthly_contribution_yen = input.monthlyContributionYen;
    if (input.contributionStatus != null) {
      if (input.contributionStatus !== 'CONTRIBUTING' && input.contributionStatus !== 'SUSPENDED')
        throw badInput(
          'input.contributionStatus',
          'CONTRIBUTING か SUSPENDED を指定してください (only CONTRIBUTING or SUSPENDED can be set)',
        );
      if (input.effectiveOn > pension.contributionsEndOn)
        throw badInput(
          'input.contributionStatus',
          `掛金の払込は65歳まで（${pension.contributionsEndOn} まで）です (contributions end at 65: on ${pension.contributionsEndOn})`,
        );
      changes.contribution_status = input.contributionStatus as StoredContributionStatus;
    }
    if (input.withdraw) {
      changes.status = 'WITHDRAWN';
      changes.withdrawn_on = input.effectiveOn;
    }
    if (Object.keys(changes).length === 0)
      throw badInput('input', '変更内容がありません (nothing to change)');
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
