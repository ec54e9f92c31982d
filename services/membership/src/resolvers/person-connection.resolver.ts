import type { PersonPage } from '../repositories/person.repository';

export const personConnectionResolvers = {
  pageInfo: (page: PersonPage) => ({ hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
};
