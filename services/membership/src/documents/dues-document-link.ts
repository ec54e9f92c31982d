import { SignedDocumentLinks, type DocumentLinkClaims } from '@mamis/platform';

/** I: an invoice (請求書), R: a receipt (領収書); the id is the invoice's. */
export type DuesDocumentLinkClaims = DocumentLinkClaims<'I' | 'R'>;

/** The membership service's signed download links for dues documents (platform `SignedDocumentLinks`). */
export class DuesDocumentLinks extends SignedDocumentLinks<'I' | 'R'> {
  constructor(secret: string) {
    super(secret, 'dues document links', ['I', 'R']);
  }
}
