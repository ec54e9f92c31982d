/** The member list's operations (会員一覧): the association's members, a search over people, one row's fields. */
import { graphql } from '../../gql';

export const OfficeMembersQuery = graphql(`
  query OfficeMembers($id: ID!, $filter: MemberFilter, $first: Int, $after: String) {
    association(id: $id) {
      id
      membershipCategories {
        id
        code
        name
      }
      members(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...OfficeMemberRow
        }
      }
    }
  }
`);

export const OfficePeopleSearchQuery = graphql(`
  query OfficePeopleSearch($search: String!, $first: Int, $after: String) {
    people(search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...OfficeMemberRow
      }
    }
  }
`);

graphql(`
  fragment OfficeMemberRow on Person {
    id
    familyName
    givenName
    familyNameKana
    givenNameKana
    registryNumber
    memberships {
      id
      category
      status
      association {
        id
      }
    }
  }
`);
