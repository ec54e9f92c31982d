import type { ConsentSettings } from '../config';
import type { Repositories } from '../repositories';

/**
 * What resolvers reach as `ctx.services` (the same shape in every subgraph): the repositories and
 * the settings the feature services need (parsed once by src/config.ts; the consent subgraph
 * shares no other object between requests). The writes themselves are the feature services of
 * this folder (`<feature>.service.ts`).
 */
export type ConsentServices = Repositories & { settings: ConsentSettings };
