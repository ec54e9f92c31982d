import type { MutationResolvers } from '../generated/resolver-types';

/**
 * JMA staff mutations: each is one call of its feature service (src/services/), which validates
 * the ids, decides first with the access policy (policy.ts), writes and answers the record.
 */
export const mutationResolvers: MutationResolvers = {
  enrolMalpracticeInsurance: (_, { input }, ctx) => ctx.services.insurance.enrolByStaff(ctx, input),

  changeMalpracticeInsuranceStatus: (_, { input }, ctx) => ctx.services.insurance.changeStatus(ctx, input),

  setMalpracticeInsuranceRider: (_, { input }, ctx) => ctx.services.insurance.setRider(ctx, input),

  importMalpracticeInsuranceList: (_, { input }, ctx) => ctx.services.insuranceImport.run(ctx, input),

  enrolPhysicianPension: (_, { input }, ctx) => ctx.services.pension.enrol(ctx, input),

  changePhysicianPension: (_, { input }, ctx) => ctx.services.pension.change(ctx, input),
};
