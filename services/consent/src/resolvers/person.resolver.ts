import type { ConsentContext } from '../context';

/** Person is owned by membership; this subgraph adds consent fields keyed by the id. */
export const personResolvers = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  termsAcceptances: (p: { id: string }, _: unknown, ctx: ConsentContext) =>
    ctx.loaders.acceptancesByPersonId.load(p.id),
};
