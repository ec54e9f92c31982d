import type { FieldRule } from '../field-rules';

/** Access rules of the consent subgraph's fields (schema/consent.graphql). */
// prettier-ignore
export const CONSENT_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  'Person.termsAcceptances': 'CONSENT',
  'TermsAcceptance.id': 'NESTED', 'TermsAcceptance.version': 'NESTED',
  'TermsAcceptance.acceptedAt': 'NESTED', 'TermsAcceptance.method': 'NESTED',
  'TermsVersion.id': 'PUBLIC', 'TermsVersion.version': 'PUBLIC', 'TermsVersion.titleJa': 'PUBLIC',
  'TermsVersion.titleEn': 'PUBLIC', 'TermsVersion.bodyJa': 'PUBLIC', 'TermsVersion.bodyEn': 'PUBLIC',
  'TermsVersion.effectiveFrom': 'PUBLIC', 'TermsVersion.requiresAcceptance': 'PUBLIC',
  'Query.termsOfUse': 'PUBLIC',
};
