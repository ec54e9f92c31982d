import { actorOf, badInput, isUuid, Messages, notFound } from '@mamis/platform';
import type { InsurancePensionContext } from '../context';
import type { MutationResolvers } from '../generated/resolver-types';

const requireId = (field: string, id: string) => {
  if (!isUuid(id)) throw badInput(field, Messages.EXPECTED_ID);
};

/** The record a mutation just wrote, read back (the schema's answer is non-null). */
const writtenEnrolment = async (ctx: InsurancePensionContext, id: string) => {
  const enrolment = await ctx.services.enrolments.byId(id);
  if (!enrolment) throw notFound(Messages.ENROLMENT_NOT_FOUND);
  return enrolment;
};
const writtenPension = async (ctx: InsurancePensionContext, id: string) => {
  const pension = await ctx.services.pensions.byId(id);
  if (!pension) throw notFound(Messages.PENSION_NOT_FOUND);
  return pension;
};

/** JMA staff mutations: every one decides first with the access policy (policy.ts). */
export const mutationResolvers: MutationResolvers = {
  async enrolMalpracticeInsurance(_, { input }, ctx) {
    requireId('input.personId', input.personId);
    await ctx.access.authorizeWrite(input.personId, 'MANAGE_INSURANCE');
    const id = await ctx.services.insurance.enrolByStaff({
      ...input,
      recordedBy: actorOf(ctx.viewer),
    });
    return writtenEnrolment(ctx, id);
  },

  async changeMalpracticeInsuranceStatus(_, { input }, ctx) {
    requireId('input.enrolmentId', input.enrolmentId);
    const enrolment = await ctx.services.enrolments.byId(input.enrolmentId);
    if (!enrolment) throw notFound(Messages.ENROLMENT_NOT_FOUND);
    await ctx.access.authorizeWrite(enrolment.personId, 'MANAGE_INSURANCE');
    await ctx.services.insurance.changeStatus(enrolment, {
      ...input,
      recordedBy: actorOf(ctx.viewer),
    });
    return writtenEnrolment(ctx, enrolment.id);
  },

  async setMalpracticeInsuranceRider(_, { input }, ctx) {
    requireId('input.enrolmentId', input.enrolmentId);
    const enrolment = await ctx.services.enrolments.byId(input.enrolmentId);
    if (!enrolment) throw notFound(Messages.ENROLMENT_NOT_FOUND);
    await ctx.access.authorizeWrite(enrolment.personId, 'MANAGE_INSURANCE');
    await ctx.services.insurance.setRider(enrolment, {
      ...input,
      coverageYen: input.coverageYen ?? null,
      recordedBy: actorOf(ctx.viewer),
    });
    return writtenEnrolment(ctx, enrolment.id);
  },

  async importMalpracticeInsuranceList(_, { input }, ctx) {
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

  async enrolPhysicianPension(_, { input }, ctx) {
    requireId('input.personId', input.personId);
    await ctx.access.authorizeWrite(input.personId, 'MANAGE_PENSION');
    const id = await ctx.services.pension.enrol({ ...input, recordedBy: actorOf(ctx.viewer) });
    return writtenPension(ctx, id);
  },

  async changePhysicianPension(_, { input }, ctx) {
    requireId('input.pensionId', input.pensionId);
    const pension = await ctx.services.pensions.byId(input.pensionId);
    if (!pension) throw notFound(Messages.PENSION_NOT_FOUND);
    await ctx.access.authorizeWrite(pension.personId, 'MANAGE_PENSION');
    await ctx.services.pension.change(pension, { ...input, recordedBy: actorOf(ctx.viewer) });
    return writtenPension(ctx, pension.id);
  },
};
