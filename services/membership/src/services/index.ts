import type { DuesDocuments } from '../documents/dues-documents.service';
import type { Repositories } from '../repositories';

/**
 * What resolvers reach as `ctx.services` (the same shape in every subgraph): the repositories plus
 * the objects shared by all requests — here the dues documents (PDF links). The writes themselves
 * are the feature services of this folder (`<feature>.service.ts`), called by resolvers with the
 * request's narrow write context (`MembershipWriteContext`, src/context.ts).
 */
export interface MembershipServices extends Repositories {
  duesDocuments: DuesDocuments;
}
