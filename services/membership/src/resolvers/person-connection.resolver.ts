import type { PersonPage } from '../repositories/person.repository';
import type { PersonConnectionResolvers } from '../generated/resolver-types';

/** A `PersonConnection` as served: the page, and its total counted only when asked for. */
export type ServedPersonPage = PersonPage & { totalCount: () => Promise<number> };

export const personConnectionResolvers: PersonConnectionResolvers = {
  pageInfo: (page) => ({ hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
};
