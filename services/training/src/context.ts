import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { CertificateDocuments } from './documents/certificate-documents.service';
import type { TrainingLoaders } from './loaders';
import type { Repositories } from './repositories';

/** Repositories plus the certificate documents (PDF links and rendering): what resolvers get. */
export interface TrainingServices extends Repositories {
  documents: CertificateDocuments;
}

export type TrainingContext = RequestContext<TrainingLoaders, TrainingServices> & AccessAwareContext;
