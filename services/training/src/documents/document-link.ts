import { SignedDocumentLinks, type DocumentLinkClaims as Claims } from '@mamis/platform';

/** C: a certificate, A: an attendance certificate (受講証明); the id is the certificate's or attendance's. */
export type DocumentLinkClaims = Claims<'C' | 'A'>;

/** The training service's signed download links (platform `SignedDocumentLinks`). */
export class DocumentLinks extends SignedDocumentLinks<'C' | 'A'> {
  constructor(secret: string) {
    super(secret, 'document links', ['C', 'A']);
  }
}
