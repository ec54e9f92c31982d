import { clock } from '@mamis/platform';
import type { InsurancePensionContext } from '../context';
import { insuranceYearOf } from '../domain/insurance-rules';

/** Person is owned by membership; this subgraph adds the insurance and pension fields. */
export const personResolvers = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  malpracticeInsurance: async (p: { id: string }, _: unknown, ctx: InsurancePensionContext) =>
    (await ctx.loaders.enrolmentsByPersonId.load(p.id))[0] ?? null,
  malpracticeInsuranceHistory: (p: { id: string }, _: unknown, ctx: InsurancePensionContext) =>
    ctx.loaders.enrolmentsByPersonId.load(p.id),
  malpracticeInsuranceOn: async (
    p: { id: string },
    args: { date?: string | null },
    ctx: InsurancePensionContext,
  ) => {
    const year = insuranceYearOf(args.date ?? clock.today());
    return (await ctx.loaders.enrolmentsByPersonId.load(p.id)).find((e) => e.insuranceYear === year) ?? null;
  },
  pension: async (p: { id: string }, _: unknown, ctx: InsurancePensionContext) =>
    (await ctx.loaders.pensionsByPersonId.load(p.id))[0] ?? null,
};
