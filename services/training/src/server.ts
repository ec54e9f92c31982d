import type { DataSource } from 'typeorm';
import { createLogger, createSubgraphService, devSubgraphSecret, type ServiceHandle } from '@mamis/platform';
import { loadTrainingConfig, type TrainingConfig } from './config';
import { makeDataSource } from './data-source';
import { createLoaders } from './loaders';
import { createRepositories } from './repositories';
import type { TrainingServices } from './services';
import { resolvers } from './resolvers';
import { calendarRoute } from './http/calendar.route';
import { documentRoute } from './http/document.route';
import { CertificateDocuments } from './documents/certificate-documents.service';
import { DocumentLinks } from './documents/document-link';

/** Build the training subgraph (connects to PostgreSQL, does not listen). */
export const createServer = (config: TrainingConfig = loadTrainingConfig()): Promise<ServiceHandle> => {
  const log = createLogger('training', config.LOG_LEVEL);
  // download links are signed with a key derived from this subgraph's secret (required in production)
  const links = new DocumentLinks(config.SUBGRAPH_SECRET ?? devSubgraphSecret('training'));
  const createServices = (ds: DataSource, analyticsReads: DataSource): TrainingServices => {
    const repos = createRepositories(ds, analyticsReads);
    return Object.assign(repos, {
      documents: new CertificateDocuments(repos, ds, links, {
        portalUrl: config.PORTAL_URL,
        ttlSeconds: config.DOCUMENT_LINK_TTL_SECONDS,
        log,
      }),
    });
  };
  return createSubgraphService({
    name: 'training',
    config,
    resolvers,
    makeDataSource,
    analyticsReadUrl: config.DATABASE_READ_URL,
    createServices,
    createLoaders,
    extraRoutes: (services) => [
      // public iCalendar feed of an association's public sessions (no login, no personal data)
      calendarRoute(services),
      // certificate PDFs behind signed, short-lived links (issued by GraphQL fields, audited)
      documentRoute(links, () => services.documents, log),
    ],
  });
};
