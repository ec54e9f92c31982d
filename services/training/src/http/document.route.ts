import { pdfDocumentRoute, type ExtraRoute, type Logger } from '@mamis/platform';
import { DOCUMENTS_PREFIX, type CertificateDocuments } from '../documents/certificate-documents.service';
import type { DocumentLinks } from '../documents/document-link';

/** `GET /documents/<signed token>`: a certificate's PDF (platform `pdfDocumentRoute`). */
export const documentRoute = (
  links: DocumentLinks,
  documents: () => CertificateDocuments,
  log: Logger,
): ExtraRoute =>
  pdfDocumentRoute({
    prefix: DOCUMENTS_PREFIX,
    links,
    download: (claims) => documents().download(claims),
    what: 'certificate document',
    log,
  });
