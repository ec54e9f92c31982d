import type { TermsVersionResolvers } from '../generated/resolver-types';

export const termsVersionResolvers: TermsVersionResolvers = {
  publishedAt: (v) => v.createdAt,
};
