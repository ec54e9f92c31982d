import type { InsurancePensionContext } from '../context';

/** Person is owned by membership; this subgraph adds the insurance and pension fields. */
export const personResolvers = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  malpracticeInsurance: async (p: { id: string }, _: unknown, ctx: InsurancePensionContext) =>
    (await ctx.loaders.enrolmentsByPersonId.load(p.id))[0] ?? null,
  malpracticeInsuranceHistory: (p: { id: string }, _: unknown, ctx: InsurancePensionContext) =>
    ctx.loaders.enrolmentsByPersonId.load(p.id),
  pension: async (p: { id: string }, _: unknown, ctx: InsurancePensionContext) =>
    (await ctx.loaders.pensionsByPersonId.load(p.id))[0] ?? null,
};
