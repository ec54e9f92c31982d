import { clock } from '@mamis/platform';
import type { PersonResolvers } from '../generated/resolver-types';
import { insuranceYearOf } from '../domain/insurance-rules';

/** Person is owned by membership; this subgraph adds the insurance and pension fields. */
export const personResolvers: PersonResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  malpracticeInsurance: async (p, _, ctx) => (await ctx.loaders.enrolmentsByPersonId.load(p.id))[0] ?? null,
  malpracticeInsuranceHistory: (p, _, ctx) => ctx.loaders.enrolmentsByPersonId.load(p.id),
  malpracticeInsuranceOn: async (p, args, ctx) => {
    const year = insuranceYearOf(args.date ?? clock.today());
    return (await ctx.loaders.enrolmentsByPersonId.load(p.id)).find((e) => e.insuranceYear === year) ?? null;
  },
  pension: async (p, _, ctx) => (await ctx.loaders.pensionsByPersonId.load(p.id))[0] ?? null,
};
