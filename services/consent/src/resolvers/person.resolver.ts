import type { ConsentContext } from '../context';

/** Person is owned by membership; this subgraph adds consent fields keyed by the id. */
export const personResolvers = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),

  /** Member associations see the status (the latest acceptance); the person sees the history. */
  termsAcceptances: async (p: { id: string }, _: unknown, ctx: ConsentContext) => {
    const [scope, rows] = await Promise.all([
      ctx.access.scope(p.id, 'CONSENT'),
      ctx.loaders.acceptancesByPersonId.load(p.id),
    ]);
    return scope === 'ALL' ? rows : rows.slice(0, 1);
  },
};
