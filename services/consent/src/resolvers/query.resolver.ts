import type { ConsentContext } from '../context';

export const queryResolvers = {
  termsOfUse: (_: unknown, __: unknown, ctx: ConsentContext) => ctx.services.terms.current(),
};
