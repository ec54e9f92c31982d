import type { TermsVersionEntity } from '../entities';

export const termsVersionResolvers = {
  publishedAt: (v: TermsVersionEntity) => v.createdAt,
};
