import { actorOf, badInput, isUuid, Messages, notFound } from '@mamis/platform';
import type { InsurancePensionContext } from '../context';
import type { InsuranceStatus } from '../domain/insurance-rules';
import type { PensionPlan } from '../domain/pension-rules';

const requireId = (field: string, id: string) => {
  if (!isUuid(id)) throw badInput(field, Messages.EXPECTED_ID);
};

/** JMA staff mutations: every one decides first with the access policy (policy.ts). */
export const mutationResolvers = {
  async enrolMalpracticeInsurance(
    _: unknown,
    {
      input,
    }: {
      input: {
        personId: string;
        enrolledOn: string;
        riderCoverageYen?: number | null;
        reason?: string | null;
      };
    },
    ctx: InsurancePensionContext,
  ) {
    requireId('input.personId', input.personId);
    await ctx.access.authorizeWrite(input.personId, 'MANAGE_INSURANCE');
    const id = await ctx.services.insurance.enrolByStaff({
      ...input,
      recordedBy: actorOf(ctx.viewer),
    });
    return ctx.services.enrolments.byId(id);
  },

  async changeMalpracticeInsuranceStatus(
    _: unknown,
    {
      input,
    }: {
      input: {
        enrolmentId: string;
        version: number;
        status: InsuranceStatus;
        effectiveOn: string;
        reason?: string | null;
      };
    },
    ctx: InsurancePensionContext,
  ) {
    requireId('input.enrolmentId', input.enrolmentId);
    const enrolment = await ctx.services.enrolments.byId(input.enrolmentId);
    if (!enrolment) throw notFound(Messages.ENROLMENT_NOT_FOUND);
    await ctx.access.authorizeWrite(enrolment.personId, 'MANAGE_INSURANCE');
    await ctx.services.insurance.changeStatus(enrolment, {
      ...input,
      recordedBy: actorOf(ctx.viewer),
    });
    return ctx.services.enrolments.byId(enrolment.id);
  },

  async setMalpracticeInsuranceRider(
    _: unknown,
    {
      input,
    }: {
      input: {
        enrolmentId: string;
        version: number;
        coverageYen?: number | null;
        effectiveOn: string;
        reason?: string | null;
      };
    },
    ctx: InsurancePensionContext,
  ) {
    requireId('input.enrolmentId', input.enrolmentId);
    const enrolment = await ctx.services.enrolments.byId(input.enrolmentId);
    if (!enrolment) throw notFound(Messages.ENROLMENT_NOT_FOUND);
    await ctx.access.authorizeWrite(enrolment.personId, 'MANAGE_INSURANCE');
    await ctx.services.insurance.setRider(enrolment, {
      ...input,
      coverageYen: input.coverageYen ?? null,
      recordedBy: actorOf(ctx.viewer),
    });
    return ctx.services.enrolments.byId(enrolment.id);
  },

  async importMalpracticeInsuranceList(
    _: unknown,
    { input }: { input: { associationId: string; csv: string; dryRun: boolean } },
    ctx: InsurancePensionContext,
  ) {
    ctx.access.authorizeAssociation(input.associationId, 'IMPORT_INSURANCE');
    return ctx.services.insuranceImport.run(input.csv, {
      dryRun: input.dryRun,
      recordedBy: actorOf(ctx.viewer),
      // each matched person: the person-keyed write rule too (and the write is audited)
      authorize: async (ids) => {
        await Promise.all(ids.map((id) => ctx.access.authorizeWrite(id, 'MANAGE_INSURANCE')));
      },
      visible: (ids) => ctx.access.filterVisible(ids),
    });
  },

  async enrolPhysicianPension(
    _: unknown,
    {
      input,
    }: {
      input: {
        personId: string;
        plan: PensionPlan;
        enrolledOn: string;
        monthlyContributionYen: number;
        reason?: string | null;
      };
    },
    ctx: InsurancePensionContext,
  ) {
    requireId('input.personId', input.personId);
    await ctx.access.authorizeWrite(input.personId, 'MANAGE_PENSION');
    const id = await ctx.services.pension.enrol({ ...input, recordedBy: actorOf(ctx.viewer) });
    return ctx.services.pensions.byId(id);
  },

  async changePhysicianPension(
    _: unknown,
    {
      input,
    }: {
      input: {
        pensionId: string;
        version: number;
        effectiveOn: string;
        plan?: PensionPlan | null;
        monthlyContributionYen?: number | null;
        contributionStatus?: string | null;
        withdraw?: boolean | null;
        reason?: string | null;
      };
    },
    ctx: InsurancePensionContext,
  ) {
    requireId('input.pensionId', input.pensionId);
    const pension = await ctx.services.pensions.byId(input.pensionId);
    if (!pension) throw notFound(Messages.PENSION_NOT_FOUND);
    await ctx.access.authorizeWrite(pension.personId, 'MANAGE_PENSION');
    await ctx.services.pension.change(pension, { ...input, recordedBy: actorOf(ctx.viewer) });
    return ctx.services.pensions.byId(pension.id);
  },
};
