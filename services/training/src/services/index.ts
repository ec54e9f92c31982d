import type { CertificateDocuments } from '../documents/certificate-documents.service';
import type { Repositories } from '../repositories';

/**
 * What resolvers reach as `ctx.services` (the same shape in every subgraph): the repositories plus
 * the objects shared by all requests — here the certificate documents (PDF links and rendering).
 * The writes themselves are the feature services of this folder (`<feature>.service.ts`), called
 * by resolvers with the request context.
 */
export interface TrainingServices extends Repositories {
  documents: CertificateDocuments;
}
