/** The GraphQL operations of the office's session screens (研修会): detail, create, update, cancel. */
import { graphql } from '../../../gql';
import type { OfficeSessionDetailQuery, OfficeSessionsQuery } from '../../../gql/graphql';

export type OfficeSession = OfficeSessionsQuery['trainingSessions'][number];
export type Program = OfficeSessionsQuery['trainingPrograms'][number];
export type Detail = NonNullable<OfficeSessionDetailQuery['trainingSession']>;

/**
 * What the form edits and the detail shows of a session: asked for by the detail and answered by
 * an update (so that the cached detail is the saved session).
 */
graphql(`
  fragment OfficeSessionFields on TrainingSession {
    id
    title
    startsAt
    endsAt
    venue
    onlineUrl
    units
    credits {
      kind
      code
      units
    }
    capacity
    visibility
    status
    version
    registeredCount
    waitlistedCount
  }
`);

/** One session with its registrations and waiting list (the host's staff see their attendees). */
export const OfficeSessionDetailQueryDocument = graphql(`
  query OfficeSessionDetail($id: ID!) {
    trainingSession(id: $id) {
      id
      programCode
      ...OfficeSessionFields
      attendances {
        id
        status
        registeredAt
        person {
          id
          familyName
          givenName
          registryNumber
        }
      }
    }
  }
`);

export const CreateSessionMutation = graphql(`
  mutation OfficeCreateSession($input: CreateTrainingSessionInput!) {
    createTrainingSession(input: $input) {
      id
      title
      version
    }
  }
`);

export const UpdateSessionMutation = graphql(`
  mutation OfficeUpdateSession($input: UpdateTrainingSessionInput!) {
    updateTrainingSession(input: $input) {
      ...OfficeSessionFields
    }
  }
`);

export const CancelSessionMutation = graphql(`
  mutation OfficeCancelSession($id: ID!, $version: Int!) {
    cancelTrainingSession(id: $id, version: $version) {
      id
      status
      version
    }
  }
`);

/** The queries a session's create, update or cancel refreshes. */
export const REFETCH = ['OfficeSessions', 'OfficeSessionDetail'];
