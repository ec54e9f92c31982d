import type { DataSource } from 'typeorm';
import { createLogger, createSubgraphService, devSubgraphSecret, type ServiceHandle } from '@mamis/platform';
import { loadMembershipConfig, type MembershipConfig } from './config';
import { makeDataSource } from './data-source';
import { DuesDocumentLinks } from './documents/dues-document-link';
import { DuesDocuments } from './documents/dues-documents.service';
import { duesDocumentRoute } from './http/dues-document.route';
import { createLoaders } from './loaders';
import { createRepositories } from './repositories';
import type { MembershipServices } from './services';
import { resolvers } from './resolvers';

/** Build the membership subgraph (connects to PostgreSQL, does not listen). */
export const createServer = (config: MembershipConfig = loadMembershipConfig()): Promise<ServiceHandle> => {
  const log = createLogger('membership', config.LOG_LEVEL);
  // invoice and receipt links are signed with a key derived from this subgraph's secret
  const links = new DuesDocumentLinks(config.SUBGRAPH_SECRET ?? devSubgraphSecret('membership'));
  const createServices = (ds: DataSource, analyticsReads: DataSource): MembershipServices =>
    Object.assign(createRepositories(ds, analyticsReads), {
      duesDocuments: new DuesDocuments(ds, links, { ttlSeconds: config.DOCUMENT_LINK_TTL_SECONDS, log }),
    });
  return createSubgraphService({
    name: 'membership',
    config,
    resolvers,
    makeDataSource,
    analyticsReadUrl: config.DATABASE_READ_URL,
    createServices,
    createLoaders,
    // invoice and receipt PDFs behind signed, short-lived links (issued by GraphQL fields, audited)
    extraRoutes: (services) => [duesDocumentRoute(links, () => services.duesDocuments, log)],
  });
};
