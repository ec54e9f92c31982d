import type { Repositories } from '../repositories';

/**
 * What resolvers reach as `ctx.services` (the same shape in every subgraph): the repositories (the
 * consent subgraph shares no other object between requests). The writes themselves are the
 * feature services of this folder (`<feature>.service.ts`).
 */
export type ConsentServices = Repositories;
