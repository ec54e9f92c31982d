import { pdfDocumentRoute, type ExtraRoute, type Logger } from '@mamis/platform';
import { DUES_DOCUMENTS_PREFIX, type DuesDocuments } from '../documents/dues-documents.service';
import type { DuesDocumentLinks } from '../documents/dues-document-link';

/** `GET /dues-documents/<signed token>`: an invoice's or receipt's PDF (platform `pdfDocumentRoute`). */
export const duesDocumentRoute = (
  links: DuesDocumentLinks,
  documents: () => DuesDocuments,
  log: Logger,
): ExtraRoute =>
  pdfDocumentRoute({
    prefix: DUES_DOCUMENTS_PREFIX,
    links,
    download: (claims) => documents().download(claims),
    what: 'dues document',
    log,
  });
